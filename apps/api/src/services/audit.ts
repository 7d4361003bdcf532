import { and, desc, gte, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { auditEvents } from '../db/schema.ts';
import type { Store } from '../db/store.ts';

/**
 * Who read or changed which record, and who was refused: key id, operation, action, pseudonymous
 * ids and outcome, never a value. It answers "which records did key K read between t1 and t2" and
 * "who read record R" for a breach notice (GDPR art. 33, convention art. 13: 24 h to notify).
 */
export interface AuditEntry {
  keyId: string | null;
  operation?: string | null;
  action: string;
  resource: string;
  resourceId: string | null;
  outcome?: 'ok' | `${number}`;
}

/** Writes one event with `db`: pass the transaction of the change it records, so both commit or neither. */
export async function recordAudit(db: Store['db'], entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    keyId: entry.keyId,
    operation: entry.operation ?? null,
    action: entry.action,
    resource: entry.resource,
    resourceId: entry.resourceId,
    outcome: entry.outcome ?? 'ok',
  });
}

export interface AuditQuery {
  keyId?: string;
  resourceId?: string;
  from?: string;
  to?: string;
  limit: number;
  /** The last id of the previous page: pages go from the newest event back. */
  before?: number;
}

export interface AuditEvent {
  id: number;
  at: string;
  keyId: string | null;
  operation: string | null;
  action: string;
  resource: string;
  resourceIds: string[];
  outcome: string;
}

/** Events newest first, filtered by key, record and time; `next` is the cursor of the following page. */
export async function queryAudit(
  store: Store,
  query: AuditQuery,
): Promise<{ events: AuditEvent[]; next: number | null }> {
  const conditions: SQL[] = [];
  if (query.keyId) conditions.push(sql`${auditEvents.keyId} = ${query.keyId}`);
  if (query.resourceId) {
    // A search records every id it returned, comma-separated: match one of them exactly.
    const id = query.resourceId;
    conditions.push(
      or(
        sql`${auditEvents.resourceId} = ${id}`,
        sql`position(${`,${id},`} in ',' || ${auditEvents.resourceId} || ',') > 0`,
      ) as SQL,
    );
  }
  if (query.from) conditions.push(gte(auditEvents.at, new Date(query.from)));
  if (query.to) conditions.push(lte(auditEvents.at, new Date(query.to)));
  if (query.before !== undefined) conditions.push(lt(auditEvents.id, query.before));
  const rows = await store.db
    .select()
    .from(auditEvents)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    events: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      keyId: r.keyId,
      operation: r.operation,
      action: r.action,
      resource: r.resource,
      resourceIds: r.resourceId ? r.resourceId.split(',') : [],
      outcome: r.outcome,
    })),
    next: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}
