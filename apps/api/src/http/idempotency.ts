import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import { idempotencyKeys } from '../db/schema.ts';
import type { AppEnv } from '../deps.ts';
import { recordAudit } from '../services/audit.ts';
import { operationAt } from './access-policy.ts';
import { ApiProblem } from './problem.ts';

/**
 * `Idempotency-Key` on POST (IETF draft-ietf-httpapi-idempotency-key-header): a partner that lost an
 * answer sends the same request again with the same key and gets the first answer back, not a second
 * record. The key is remembered per API key for 24 h with a keyed hash of the request (the body may
 * hold a name or a CAF number); the same key with another request is a 409, and so is a retry that
 * arrives while the first is still being answered (20 at once create one record). A claim left
 * unanswered for 5 minutes (the process died) is given up, so the retry runs again. 5xx and 429
 * answers are not remembered. The answer is kept encrypted and is deleted with the young person it is
 * about when they are erased; a replay is on the audit trail like the read it repeats. POSTs that
 * only compute (eligibility, termination, reimbursement, a search) change nothing and are not stored.
 */
export const IDEMPOTENCY_TTL_HOURS = 24;
const ABANDONED_AFTER_SECONDS = 300;
const KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;

function cell(keyId: string, idempotencyKey: string) {
  return { table: 'idempotency_keys', column: 'response_enc', rowId: `${keyId}\u0000${idempotencyKey}` };
}

/** The young person an answer is about: its `beneficiaryId`, or the id of a young person created. */
function subjectOf(path: string, body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { beneficiaryId?: unknown; id?: unknown };
    if (typeof parsed.beneficiaryId === 'string') return parsed.beneficiaryId;
    if (path === '/v1/beneficiaries' && typeof parsed.id === 'string') return parsed.id;
  } catch {}
  return null;
}

export function idempotency(cipher: FieldCipher) {
  let inserts = 0;
  return createMiddleware<AppEnv>(async (c, next) => {
    const given = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || given === undefined) return next();
    if (!KEY_PATTERN.test(given)) {
      throw new ApiProblem('invalid_request', 'the Idempotency-Key header is malformed', {
        errors: [{ path: 'header.Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }],
      });
    }
    const found = operationAt('post', c.req.path);
    if (found?.access.pure) return next();
    const store = c.get('store');
    const { keyId } = c.get('principal');
    const requestHash = cipher.blindIndex(
      'idempotency-request',
      `POST\n${c.req.path}\n${await c.req.text()}`,
    );
    const where = and(eq(idempotencyKeys.keyId, keyId), eq(idempotencyKeys.idempotencyKey, given));
    const expired = lt(
      idempotencyKeys.createdAt,
      sql`now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`,
    );
    const abandoned = and(
      isNull(idempotencyKeys.status),
      lt(idempotencyKeys.createdAt, sql`now() - make_interval(secs => ${ABANDONED_AFTER_SECONDS})`),
    );
    await store.db.delete(idempotencyKeys).where(and(where, sql`(${expired} or ${abandoned})`));
    inserts += 1;
    if (inserts % 100 === 0) await store.db.delete(idempotencyKeys).where(expired);
    const claimToken = randomUUID();
    const claimed = await store.db
      .insert(idempotencyKeys)
      .values({ keyId, idempotencyKey: given, requestHash, claimToken })
      .onConflictDoNothing()
      .returning({ keyId: idempotencyKeys.keyId });
    if (claimed.length === 0) return replay(c, cipher, given, requestHash, found?.operationId ?? null);

    // Only this claim's own request fills it in or gives it up: an abandoned claim taken over by a
    // retry is not overwritten by a late first answer.
    const mine = and(where, eq(idempotencyKeys.claimToken, claimToken));
    try {
      await next();
    } catch (error) {
      await store.db.delete(idempotencyKeys).where(mine);
      throw error;
    }
    if (c.res.status >= 500 || c.res.status === 429) {
      await store.db.delete(idempotencyKeys).where(mine);
      return;
    }
    const body = await c.res.clone().text();
    const saved = JSON.stringify({ type: c.res.headers.get('content-type') ?? 'application/json', body });
    await store.db
      .update(idempotencyKeys)
      .set({
        status: c.res.status,
        subjectId: subjectOf(c.req.path, body),
        responseEnc: cipher.encrypt(saved, cell(keyId, given)),
      })
      .where(mine);
  });
}

async function replay(
  c: Context<AppEnv>,
  cipher: FieldCipher,
  given: string,
  requestHash: string,
  operation: string | null,
) {
  const { keyId } = c.get('principal');
  const store = c.get('store');
  const [row] = await store.db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.keyId, keyId), eq(idempotencyKeys.idempotencyKey, given)));
  if (!row || row.requestHash !== requestHash) {
    throw new ApiProblem('idempotency_key_reused', 'this Idempotency-Key was used with another request');
  }
  if (row.status === null || row.responseEnc === null) {
    c.header('Retry-After', '1');
    throw new ApiProblem(
      'idempotency_in_progress',
      'the first request with this Idempotency-Key is still being answered',
    );
  }
  const saved = JSON.parse(cipher.decrypt(row.responseEnc, cell(keyId, given))) as {
    type: string;
    body: string;
  };
  // A replay hands the answer out again: it is on the record like the first time.
  await recordAudit(store.db, {
    keyId,
    operation,
    action: 'replay',
    resource: 'idempotency_key',
    resourceId: row.subjectId,
  });
  return c.body(saved.body, row.status as 200, { 'Content-Type': saved.type, 'Idempotent-Replayed': 'true' });
}
