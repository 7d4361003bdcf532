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

/** The id part of a `trk_<id>_<secret>` key: not secret, it says which key was presented. */
export function keyIdOf(presented: string): string | null {
  return KEY_PATTERN.exec(presented)?.[1] ?? null;
}

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

/** An operator-chosen key is at least this long: anything shorter and not `trk_…` is malformed. */
const MIN_BOOTSTRAP_LENGTH = 32;
/** Unknown ids remembered at most, so a flood of random keys cannot grow memory without bound. */
const MAX_NEGATIVE_ENTRIES = 10_000;

/**
 * Resolves bearer keys. A known key's row is cached for `ttlMs` (0.5 s by default), so the hot path
 * rarely hits the database and a revocation made on any server sharing the database takes effect
 * everywhere within half a second. An unknown id is remembered for as long, in a bounded map, so the
 * same unknown key repeated costs no query; a malformed key never reaches the database.
 */
export class KeyVerifier {
  readonly #cache = new Map<string, CachedKey>();
  readonly #unknown = new Map<string, number>();
  readonly #ttlMs: number;

  constructor(ttlMs = 500) {
    this.#ttlMs = ttlMs;
  }

  forget(): void {
    this.#cache.clear();
    this.#unknown.clear();
  }

  async verify(store: Store, presented: string): Promise<Principal | null> {
    const match = KEY_PATTERN.exec(presented);
    if (!match && presented.length < MIN_BOOTSTRAP_LENGTH) return null;
    const secret = match ? (match[2] as string) : presented;
    // One hash per request: an operator-chosen key is found by its own hash.
    const secretHash = hash(secret);
    const id = match ? (match[1] as string) : `boot-${secretHash.slice(0, 12)}`;
    const now = Date.now();
    const unknownSince = this.#unknown.get(id);
    if (unknownSince !== undefined) {
      if (now - unknownSince <= this.#ttlMs) return null;
      this.#unknown.delete(id);
    }
    let entry = this.#cache.get(id);
    if (entry === undefined || now - entry.loadedAt > this.#ttlMs) {
      const [row] = await store.db
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
      if (!row) {
        this.#cache.delete(id);
        if (this.#unknown.size >= MAX_NEGATIVE_ENTRIES) {
          const oldest = this.#unknown.keys().next().value;
          if (oldest !== undefined) this.#unknown.delete(oldest);
        }
        this.#unknown.set(id, now);
        return null;
      }
      entry = {
        principal: { keyId: row.id, role: row.role, associationId: row.associationId },
        secretHash: Buffer.from(row.secretHash, 'hex'),
        loadedAt: now,
      };
      this.#cache.set(id, entry);
    }
    const presentedHash = Buffer.from(secretHash, 'hex');
    return timingSafeEqual(presentedHash, entry.secretHash) ? entry.principal : null;
  }
}

/**
 * Failed authentications per client address in a sliding minute: past `limit`, the address gets 429
 * before its key is even looked at, so a flood of made-up keys costs neither queries nor hashing.
 */
export class FailedAuthWindow {
  readonly #failures = new Map<string, number[]>();
  readonly limit: number;
  readonly windowMs: number;
  readonly maxAddresses: number;

  constructor(limit = 60, windowMs = 60_000, maxAddresses = 10_000) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.maxAddresses = maxAddresses;
  }

  /** Seconds until this address may try again, or 0. */
  retryAfter(address: string, now = Date.now()): number {
    const times = this.#recent(address, now);
    if (times.length < this.limit) return 0;
    return Math.max(1, Math.ceil(((times[0] as number) + this.windowMs - now) / 1_000));
  }

  record(address: string, now = Date.now()): void {
    const times = this.#recent(address, now);
    times.push(now);
    this.#failures.delete(address);
    if (this.#failures.size >= this.maxAddresses) {
      const oldest = this.#failures.keys().next().value;
      if (oldest !== undefined) this.#failures.delete(oldest);
    }
    this.#failures.set(address, times);
  }

  #recent(address: string, now: number): number[] {
    const times = this.#failures.get(address) ?? [];
    while (times.length > 0 && (times[0] as number) <= now - this.windowMs) times.shift();
    return times;
  }
}
