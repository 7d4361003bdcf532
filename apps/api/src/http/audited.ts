import type { Context } from 'hono';
import type { Store } from '../db/store.ts';
import type { AppEnv } from '../deps.ts';
import { audit } from '../services/audit.ts';

/**
 * The one way a route touches personal data: the work and its audit event run in one transaction,
 * so a change is never without its record, nor a record without its change (a read's event commits
 * before the answer leaves). The services get a store bound to that transaction.
 */
export async function audited<T>(
  c: Context<AppEnv>,
  event: { operation: string; action: string; resource: string },
  work: (store: Store) => Promise<T>,
  /** The pseudonymous ids the event names, from the work's result. */
  ids: (result: T) => string | string[] | null,
): Promise<T> {
  const store = c.get('store');
  return store.db.transaction(async (tx) => {
    const scoped: Store = {
      ...store,
      root: store.root ?? store,
      db: tx as unknown as Store['db'],
      rows: async <R>(query: Parameters<Store['rows']>[0]) =>
        ((await (tx as unknown as Store['db']).execute(query)) as unknown as { rows: R[] }).rows,
    };
    const result = await work(scoped);
    const named = ids(result);
    const resourceId = Array.isArray(named) ? named.join(',') || null : named;
    await audit(scoped, c.get('principal'), event.action, event.resource, resourceId, event.operation);
    return result;
  });
}
