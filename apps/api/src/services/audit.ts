import { auditEvents } from '../db/schema.ts';
import type { Store } from '../db/store.ts';
import type { Principal } from '../deps.ts';

/**
 * Records who read or changed which record: key id, action and record id, never a value. It answers
 * "which records did key X read between t1 and t2" for a breach notice (GDPR art. 33, convention art. 13).
 */
export async function audit(
  store: Store,
  principal: Principal,
  action: string,
  resource: string,
  resourceId: string | null,
): Promise<void> {
  await store.db.insert(auditEvents).values({ keyId: principal.keyId, action, resource, resourceId });
}
