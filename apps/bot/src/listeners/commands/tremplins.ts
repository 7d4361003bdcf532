import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { eligibilityModal } from '../../blocks/eligibility-modal.ts';
import { helpReply } from '../../blocks/help.ts';
import { parseCommandText } from '../../command-text.ts';
import { deadlinesAnswer, occupancyAnswer, placesAnswer, quickFormAnswer } from '../../replies.ts';
import type { ListenerDeps } from '../deps.ts';

export const COMMAND = '/tremplins';

/**
 * `/tremplins <subcommand>`. Every branch acks at once: help is the ack itself, the modal opens right
 * after the ack (the trigger_id expires in about 3 s), and the rest answers through respond()
 * (the command's response_url), ephemeral, once the rules or the API have answered.
 */
export function tremplinsCommand(deps: ListenerDeps) {
  return async ({ ack, command, client, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const parsed = parseCommandText(command.text);
    if (parsed.name === 'unknown' || parsed.name === 'aide') {
      await ack({
        response_type: 'ephemeral',
        ...helpReply(
          parsed.name === 'unknown'
            ? parsed.suggestion
              ? { suggestion: parsed.suggestion }
              : {}
            : undefined,
        ),
      });
      return;
    }
    await ack();
    if (parsed.name === 'eligibilite' && parsed.rest === '') {
      await client.views.open({
        trigger_id: command.trigger_id,
        view: eligibilityModal({
          metadata: { channel: command.channel_id, responseUrl: command.response_url },
          cahc: deps.cahc,
        }),
      });
      return;
    }
    const message =
      parsed.name === 'eligibilite'
        ? await quickFormAnswer(parsed.rest, command.user_id, deps)
        : parsed.name === 'places'
          ? await placesAnswer(deps)
          : parsed.name === 'occupation'
            ? await occupancyAnswer(deps)
            : await deadlinesAnswer(deps);
    await respond({ response_type: 'ephemeral', ...message });
  };
}
