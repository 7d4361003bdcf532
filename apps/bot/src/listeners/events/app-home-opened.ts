import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { homeFor } from '../../replies.ts';
import type { ListenerDeps } from '../deps.ts';

export const APP_HOME_OPENED = 'app_home_opened';

/** The Home tab, published for the person who opened it (Bolt acks events itself). */
export function appHomeOpened(deps: ListenerDeps) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== undefined && event.tab !== 'home') return;
    await client.views.publish({ user_id: event.user, view: await homeFor(deps) });
  };
}
