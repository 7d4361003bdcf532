import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { todayInParis } from '@tremplins/domain';
import { sql } from 'drizzle-orm';
import { createApp } from './app.ts';
import { FieldCipher, parseDataKey } from './crypto/field-cipher.ts';
import { settings } from './db/schema.ts';
import { openStore, type Store, type StoreConfig } from './db/store.ts';
import { createApiKey, registerBootstrapKey } from './services/api-keys.ts';

export interface ServerOptions {
  port?: number;
  host?: string;
  store: StoreConfig;
  /** Base64 of 32 bytes (`openssl rand -base64 32`). */
  dataKey: string;
  retiredDataKeys?: string[];
  bootstrapKey?: string;
  /** Create and print a department key when the store has none (local mode of `npm start`). */
  createFirstKey?: boolean;
  log?: (line: string) => void;
  today?: () => string;
  personalDataRatePerMinute?: number;
}

export interface RunningServer {
  url: string;
  /** Resolves when the database is open, migrated and seeded; rejects if it cannot be. */
  ready: Promise<void>;
  /** The key created on first start in local mode, if any (also logged once). */
  firstKey: Promise<string | undefined>;
  close(): Promise<void>;
}

const CHECK_ROW = 'data_key_check';

/** Refuses a data key that is not the one this database was written with (it would seal unreadable rows). */
async function checkDataKey(store: Store, cipher: FieldCipher): Promise<void> {
  const ref = { table: 'settings', column: 'value', rowId: CHECK_ROW };
  const [row] = await store.rows<{ value: string }>(
    sql`select value from settings where name = ${CHECK_ROW}`,
  );
  if (!row) {
    await store.db.insert(settings).values({ name: CHECK_ROW, value: cipher.encrypt('tremplins', ref) });
    return;
  }
  try {
    cipher.decrypt(row.value, ref);
  } catch {
    throw new Error(
      'TREMPLINS_DATA_KEY does not open the data of this database (another key wrote it); set the key it was created with, or list it in TREMPLINS_RETIRED_DATA_KEYS after a rotation',
    );
  }
}

/**
 * Listens first, then opens the database: the process answers /health within a fraction of a second
 * and requests wait for the store (readiness is not liveness). Never creates a database on a request.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const cipher = new FieldCipher(
    parseDataKey(options.dataKey),
    (options.retiredDataKeys ?? []).map((k) => parseDataKey(k, 'TREMPLINS_RETIRED_DATA_KEYS')),
  );
  let firstKey: string | undefined;
  const opening = (async () => {
    const started = performance.now();
    const store = await openStore(options.store);
    try {
      await checkDataKey(store, cipher);
      if (options.bootstrapKey && (await registerBootstrapKey(store, options.bootstrapKey))) {
        log('registered TREMPLINS_BOOTSTRAP_KEY as the first department key');
      } else if (options.createFirstKey) {
        const [{ count } = { count: 0 }] = await store.rows<{ count: number }>(
          sql`select count(*)::int as count from api_keys`,
        );
        if (count === 0) {
          firstKey = (await createApiKey(store, { role: 'department', label: 'first key (local mode)' })).key;
        }
      }
    } catch (error) {
      await store.close();
      throw error;
    }
    log(`database ready (${options.store.kind}) in ${Math.round(performance.now() - started)} ms`);
    return store;
  })();
  // Handled here so an early failure is reported through `ready`, not as an unhandled rejection.
  opening.catch(() => {});

  const app = createApp({
    store: opening,
    cipher,
    today: options.today ?? todayInParis,
    log,
    personalDataRatePerMinute: options.personalDataRatePerMinute,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      { fetch: app.fetch, port: options.port ?? 8787, hostname: options.host ?? '127.0.0.1' },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    ready: opening.then(() => undefined),
    firstKey: opening.then(
      () => firstKey,
      () => undefined,
    ),
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        });
        const store = await opening.catch(() => undefined);
        await store?.close();
      })();
      return closing;
    },
  };
}
