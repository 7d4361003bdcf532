import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { apiKeys } from '../db/schema.ts';
import type { Store } from '../db/store.ts';
import type { Principal, Role } from '../deps.ts';

/**
 * API keys look like `trk_<id>_<secret>`: the id finds the row, the secret (256 random bits) is only
 * stored as its SHA-256 and compared in constant time. A key is printed once, when it is created.
 */
const KEY_PATTERN = /^trk_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

function hash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export interface NewKey {
  role: Role;
  associationId?: string | null;
  label: string;
}

export async function createApiKey(store: Store, input: NewKey): Promise<{ id: string; key: string }> {
  const id = randomBytes(10).toString('hex').slice(0, 16);
  const secret = randomBytes(32).toString('base64url');
  await store.db.insert(apiKeys).values({
    id,
    secretHash: hash(secret),
    role: input.role,
    associationId: input.role === 'association' ? (input.associationId ?? null) : null,
    label: input.label,
  });
  return { id, key: `trk_${id}_${secret}` };
}

/** Registers a key chosen by the operator (TREMPLINS_BOOTSTRAP_KEY) when the store holds none yet. */
export async function registerBootstrapKey(store: Store, key: string): Promise<boolean> {
  if (key.length < 32) throw new Error('TREMPLINS_BOOTSTRAP_KEY must be at least 32 characters');
  const [{ count } = { count: 0 }] = await store.db
    .select({ count: sql<number>`count(*)::int` })
    .from(apiKeys);
  if (count > 0) return false;
  // An operator-chosen key has no id prefix: its hash is its id, and authenticate() falls back to it.
  await store.db.insert(apiKeys).values({
    id: `boot-${hash(key).slice(0, 12)}`,
    secretHash: hash(key),
    role: 'department',
    associationId: null,
    label: 'bootstrap key (TREMPLINS_BOOTSTRAP_KEY)',
  });
  return true;
}

export async function revokeApiKey(store: Store, id: string): Promise<boolean> {
  const rows = await store.db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

interface CachedKey {
  principal: Principal;
  secretHash: Buffer;
  loadedAt: number;
}

/**
 * Resolves bearer keys, caching rows for a few seconds so the hot path does not hit the database on
 * every request; a revocation takes effect within `ttlMs`.
 */
export class KeyVerifier {
  readonly #cache = new Map<string, CachedKey | null>();
  readonly #ttlMs: number;

  constructor(ttlMs = 5_000) {
    this.#ttlMs = ttlMs;
  }

  forget(): void {
    this.#cache.clear();
  }

  async verify(store: Store, presented: string): Promise<Principal | null> {
    const match = KEY_PATTERN.exec(presented);
    const secret = match ? (match[2] as string) : presented;
    // One hash per request: an operator-chosen key is found by its own hash.
    const secretHash = hash(secret);
    const id = match ? (match[1] as string) : `boot-${secretHash.slice(0, 12)}`;
    const now = Date.now();
    let entry = this.#cache.get(id);
    if (entry === undefined || (entry === null ? true : now - entry.loadedAt > this.#ttlMs)) {
      const [row] = await store.db
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
      entry = row
        ? {
            principal: { keyId: row.id, role: row.role, associationId: row.associationId },
            secretHash: Buffer.from(row.secretHash, 'hex'),
            loadedAt: now,
          }
        : null;
      // Unknown ids are not cached: a flood of random keys must not grow memory.
      if (entry) this.#cache.set(id, entry);
    }
    if (!entry) return null;
    const presentedHash = Buffer.from(secretHash, 'hex');
    return timingSafeEqual(presentedHash, entry.secretHash) ? entry.principal : null;
  }
}
