import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';
import * as schema from './schema.ts';
import { seedConventions } from './seed.ts';

/** One database, PGlite or PostgreSQL, behind the same Drizzle schema and queries. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type StoreConfig =
  | { kind: 'memory' }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string; ssl?: boolean };

export interface Store {
  readonly kind: StoreConfig['kind'];
  readonly db: Database;
  /** Set on a store bound to a transaction: the store it came from (caches key on it). */
  readonly root?: Store;
  /** Rows of a raw statement (both drivers answer `{ rows }`). */
  rows<T>(query: ReturnType<typeof sql>): Promise<T[]>;
  /** A consistent copy of an embedded database (gzip tarball), for `tremplins backup`. */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

export class StoreError extends Error {
  override name = 'StoreError';
}

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

/** Opens the store, takes the data directory's lock, applies pending migrations and seeds 2022-417. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const store = config.kind === 'postgres' ? await openPostgres(config) : await openPglite(config);
  try {
    await seedConventions(store.db);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

async function openPglite(config: { kind: 'memory' } | { kind: 'pglite'; dataDir: string }): Promise<Store> {
  const [{ PGlite }, { drizzle }, { migrate }, { DataDirLockedError, lockDataDir }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
    import('./data-dir-lock.ts'),
  ]);
  let release: (() => Promise<void>) | undefined;
  if (config.kind === 'pglite') {
    await mkdir(config.dataDir, { recursive: true });
    // PGlite takes no lock of its own and two processes on one directory corrupt it (pglite#1106);
    // the lock names its owner, so a dead owner's lock is taken over at once (see data-dir-lock.ts).
    try {
      release = (await lockDataDir(config.dataDir)).release;
    } catch (error) {
      if (error instanceof DataDirLockedError) {
        throw new StoreError(
          `the data directory ${config.dataDir} is in use by another Tremplins process (${error.holder}); stop it first (one process per data directory)`,
        );
      }
      throw error;
    }
  }
  let client: PGlite | undefined;
  try {
    client = config.kind === 'pglite' ? new PGlite(config.dataDir) : new PGlite();
    await client.waitReady;
    const db = drizzle({ client, schema });
    await migrate(db, { migrationsFolder: MIGRATIONS });
    const pg = client;
    return {
      kind: config.kind,
      db: db as unknown as Database,
      async rows<T>(query: ReturnType<typeof sql>) {
        return (await db.execute(query)).rows as T[];
      },
      dumpDataDir: () => pg.dumpDataDir('gzip') as Promise<Blob>,
      async close() {
        try {
          await pg.close();
        } finally {
          await release?.();
        }
      },
    };
  } catch (error) {
    await client?.close().catch(() => {});
    await release?.();
    throw error;
  }
}

async function openPostgres(config: { url: string; ssl?: boolean }): Promise<Store> {
  const [{ default: pg }, { drizzle }, { migrate }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  // A server that accepts connections but never answers must not hang the start-up or the shutdown.
  const pool: Pool = new pg.Pool({ connectionString: config.url, max: 10, connectionTimeoutMillis: 10_000 });
  // An idle connection closed by the server (restart, failover, idle timeout) is replaced on the next
  // query; unhandled, its 'error' event would end the process. Only the code is kept: no query text.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL connection lost (${(error as { code?: string }).code ?? error.name})`);
  });
  try {
    const db = drizzle({ client: pool, schema });
    await assertDurable(pool);
    // Two servers starting together must not both migrate: one waits for the other's lock.
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock(417202201)');
      await migrate(db, { migrationsFolder: MIGRATIONS });
    } finally {
      await client.query('select pg_advisory_unlock(417202201)').catch(() => {});
      client.release();
    }
    return {
      kind: 'postgres',
      db: db as unknown as Database,
      async rows<T>(query: ReturnType<typeof sql>) {
        return (await db.execute(query)).rows as T[];
      },
      close: () => pool.end(),
    };
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
}

/** A committed write must survive a power loss in production: refuse a server that does not fsync. */
async function assertDurable(pool: Pool): Promise<void> {
  const fsync = (await pool.query('show fsync')).rows[0]?.fsync;
  const commit = (await pool.query('show synchronous_commit')).rows[0]?.synchronous_commit;
  if (fsync !== 'on' || commit === 'off') {
    throw new StoreError(
      `the PostgreSQL server runs with fsync=${fsync} and synchronous_commit=${commit}; committed writes could be lost on power loss (set both on)`,
    );
  }
}

/** Runs a statement that checks the connection, for readiness probes. */
export async function ping(store: Store): Promise<void> {
  await store.db.execute(sql`select 1`);
}
