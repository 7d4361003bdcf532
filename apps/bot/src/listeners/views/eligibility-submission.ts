import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { deliverEphemeral } from '../../deliver.ts';
import { readEligibilityForm, readModalMetadata } from '../../eligibility/form.ts';
import { eligibilityAnswer } from '../../replies.ts';
import type { ListenerDeps } from '../deps.ts';

export { ELIGIBILITY_CALLBACK_ID } from '../../blocks/eligibility-modal.ts';

/**
 * The submitted eligibility form. Field errors go back in the ack (`response_action: 'errors'`),
 * which is why reading the form is fast and pure; the rules run after the ack, and the answer is
 * posted ephemeral to the person where they typed the command.
 */
export function eligibilitySubmission(deps: ListenerDeps) {
  return async ({
    ack,
    body,
    view,
    client,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const reading = readEligibilityForm(view.state.values, deps.today());
    if (!reading.ok) {
      await ack({ response_action: 'errors', errors: reading.errors });
      return;
    }
    await ack();
    const message = await eligibilityAnswer(reading.answers, reading.commune, body.user.id, deps);
    const metadata = readModalMetadata(view.private_metadata);
    await deliverEphemeral({ ...metadata, user: body.user.id }, message, {
      client,
      logger: deps.logger,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
  };
}
