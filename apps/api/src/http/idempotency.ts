import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import { idempotencyKeys } from '../db/schema.ts';
import type { AppEnv } from '../deps.ts';
import { operationAt } from './access-policy.ts';
import { ApiProblem } from './problem.ts';

/**
 * `Idempotency-Key` on POST (IETF draft-ietf-httpapi-idempotency-key-header): a partner that lost an
 * answer sends the same request again with the same key and gets the first answer back, not a second
 * record. The key is remembered per API key for 24 h with a hash of the request; the same key with
 * another request is a 409, and so is a retry that arrives while the first is still being answered
 * (20 at once create one record). 5xx answers are not remembered: the retry runs again. POSTs that
 * only compute (eligibility, termination, reimbursement, a search) change nothing and are not stored.
 */
export const IDEMPOTENCY_TTL_HOURS = 24;
const KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;

function cell(keyId: string, idempotencyKey: string) {
  return { table: 'idempotency_keys', column: 'response_enc', rowId: `${keyId}\u0000${idempotencyKey}` };
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
    if (operationAt('post', c.req.path)?.access.pure) return next();
    const store = c.get('store');
    const { keyId } = c.get('principal');
    const requestHash = createHash('sha256')
      .update(`POST\n${c.req.path}\n`)
      .update(await c.req.text())
      .digest('hex');
    const where = and(eq(idempotencyKeys.keyId, keyId), eq(idempotencyKeys.idempotencyKey, given));
    const expired = lt(
      idempotencyKeys.createdAt,
      sql`now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`,
    );
    await store.db.delete(idempotencyKeys).where(and(where, expired));
    inserts += 1;
    if (inserts % 100 === 0) await store.db.delete(idempotencyKeys).where(expired);
    const claimed = await store.db
      .insert(idempotencyKeys)
      .values({ keyId, idempotencyKey: given, requestHash })
      .onConflictDoNothing()
      .returning({ keyId: idempotencyKeys.keyId });
    if (claimed.length === 0) return replay(c, cipher, given, requestHash);

    try {
      await next();
    } catch (error) {
      await store.db.delete(idempotencyKeys).where(where);
      throw error;
    }
    if (c.res.status >= 500) {
      await store.db.delete(idempotencyKeys).where(where);
      return;
    }
    const body = await c.res.clone().text();
    const saved = JSON.stringify({ type: c.res.headers.get('content-type') ?? 'application/json', body });
    await store.db
      .update(idempotencyKeys)
      .set({ status: c.res.status, responseEnc: cipher.encrypt(saved, cell(keyId, given)) })
      .where(where);
  });
}

async function replay(c: Context<AppEnv>, cipher: FieldCipher, given: string, requestHash: string) {
  const { keyId } = c.get('principal');
  const [row] = await c
    .get('store')
    .db.select()
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
  return c.body(saved.body, row.status as 200, { 'Content-Type': saved.type, 'Idempotent-Replayed': 'true' });
}
