import type { Context } from 'hono';
import type { Store } from '../db/store.ts';
import type { AppEnv } from '../deps.ts';
import { type AuditEntry, recordAudit } from '../services/audit.ts';
import { operationAt } from './access-policy.ts';

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
    await recordAudit(tx as unknown as Store['db'], {
      keyId: c.get('principal').keyId,
      operation: event.operation,
      action: event.action,
      resource: event.resource,
      resourceId,
    });
    return result;
  });
}

/** Refusals of an action are on the record too (a probe of another association's ids is a 404). */
const AUDITED_REFUSALS = new Set([401, 403, 404, 409, 422, 429, 500]);
/** Record ids (UUIDs), key ids, convention and place ids: the shapes of the ids the API issues. */
const ISSUED_ID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9]{16}|\d{4}-\d{3}(?:-[AM]\d{2})?|boot-[0-9a-f]{12})$/;

/**
 * One event for a refusal, in a statement of its own (the refused work, if any, was rolled back).
 * The path id is the caller's text until a record is found with it: only an id of the shapes the API
 * issues is written down (a name typed into a URL is not). Recording never turns the refusal into a 500.
 */
export async function recordRefusal(
  c: Context<AppEnv>,
  store: Store | undefined,
  status: number,
  entry: Partial<Pick<AuditEntry, 'keyId' | 'action' | 'resource' | 'resourceId'>> = {},
): Promise<void> {
  if (!store || !AUDITED_REFUSALS.has(status) || !c.req.path.startsWith('/v1/')) return;
  const operation = operationAt(c.req.method, c.req.path)?.operationId ?? null;
  let id: string | undefined;
  try {
    id = c.req.param('id');
  } catch {}
  await recordAudit(store.db, {
    keyId: entry.keyId !== undefined ? entry.keyId : (c.get('principal')?.keyId ?? null),
    operation,
    action: entry.action ?? 'refused',
    resource: entry.resource ?? operation ?? 'route',
    resourceId:
      entry.resourceId !== undefined
        ? entry.resourceId
        : id === undefined
          ? null
          : ISSUED_ID.test(id)
            ? id
            : '(not an id)',
    outcome: String(status) as `${number}`,
  }).catch(() => {});
}
