import type { Logger } from '@slack/bolt';
import type { Commune } from '@tremplins/domain';
import type { ReplyDeps } from '../replies.ts';

/** What every listener is given: the reply services, the CAHC communes for the form, a logger. */
export interface ListenerDeps extends ReplyDeps {
  cahc: readonly Commune[];
  logger: Logger;
  /** For posts to response_url (tests may observe them). */
  fetch?: typeof fetch;
}
