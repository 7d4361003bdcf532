import type { App, BlockAction } from '@slack/bolt';
import { COMPLETE_ACTION_ID, completeEligibility } from './actions/complete-eligibility.ts';
import { COMMAND, tremplinsCommand } from './commands/tremplins.ts';
import type { ListenerDeps } from './deps.ts';
import { APP_HOME_OPENED, appHomeOpened } from './events/app-home-opened.ts';
import { ELIGIBILITY_CALLBACK_ID, eligibilitySubmission } from './views/eligibility-submission.ts';

/** Every name the app listens to; the manifest test checks `manifest.json` against it. */
export const LISTENED = {
  commands: [COMMAND],
  views: [ELIGIBILITY_CALLBACK_ID],
  actions: [COMPLETE_ACTION_ID],
  events: [APP_HOME_OPENED],
} as const;

export function registerListeners(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, tremplinsCommand(deps));
  app.view(ELIGIBILITY_CALLBACK_ID, eligibilitySubmission(deps));
  app.action<BlockAction>(COMPLETE_ACTION_ID, completeEligibility(deps));
  app.event(APP_HOME_OPENED, appHomeOpened(deps));
}

export type { ListenerDeps } from './deps.ts';
