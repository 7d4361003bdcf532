import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { eligibilityModal } from '../../blocks/eligibility-modal.ts';
import { expiredDraftReply } from '../../blocks/notices.ts';
import type { ListenerDeps } from '../deps.ts';

export { COMPLETE_ACTION_ID } from '../../blocks/eligibility-result.ts';

/** « Compléter »: reopens the form pre-filled with the answers sealed in the button. */
export function completeEligibility(deps: ListenerDeps) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    const answers = action.type === 'button' ? deps.sealer.open(body.user.id, action.value ?? '') : null;
    if (!answers) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...expiredDraftReply() });
      return;
    }
    await client.views.open({
      trigger_id: body.trigger_id,
      view: eligibilityModal({
        answers,
        metadata: {
          ...(body.channel?.id ? { channel: body.channel.id } : {}),
          ...(body.response_url ? { responseUrl: body.response_url } : {}),
        },
        cahc: deps.cahc,
      }),
    });
  };
}
