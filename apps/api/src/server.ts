import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FieldCipher } from './crypto/field-cipher.ts';
import type { Store, StoreConfig } from './db/store.ts';
import { API_VERSION } from './version.ts';

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
  failedAuthPerMinute?: number;
}

export interface RunningServer {
  url: string;
  /** Resolves when the app is loaded and the database open, migrated and seeded; rejects if it cannot be. */
  ready: Promise<void>;
  /** The key created on first start in local mode, if any. */
  firstKey: Promise<string | undefined>;
  close(): Promise<void>;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const CHECK_ROW = 'data_key_check';

/** The heavy dependencies, each loaded on its own turn of the event loop, dependencies first. */
const STARTUP_STEPS = [
  () => import('zod'),
  () => import('@tremplins/domain'),
  () => import('@tremplins/rules'),
  () => import('hono'),
  () => import('@hono/zod-openapi'),
  () => import('drizzle-orm'),
  () => import('drizzle-orm/pg-core'),
  () => import('./db/schema.ts'),
  () => import('./services/stays.ts'),
  () => import('./app.ts'),
  () => import('@hono/node-server'),
  () => import('./db/store.ts'),
];

/** Refuses a data key that is not the one this database was written with (it would seal unreadable rows). */
async function checkDataKey(store: Store, cipher: FieldCipher): Promise<void> {
  const [{ sql }, { settings }] = await Promise.all([import('drizzle-orm'), import('./db/schema.ts')]);
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

async function openDatabase(options: ServerOptions, cipher: FieldCipher, log: (line: string) => void) {
  const started = performance.now();
  const [{ openStore }, keys, { sql }] = await Promise.all([
    import('./db/store.ts'),
    import('./services/api-keys.ts'),
    import('drizzle-orm'),
  ]);
  const store = await openStore(options.store);
  let firstKey: string | undefined;
  try {
    await checkDataKey(store, cipher);
    if (options.bootstrapKey && (await keys.registerBootstrapKey(store, options.bootstrapKey))) {
      log('registered TREMPLINS_BOOTSTRAP_KEY as the first department key');
    } else if (options.createFirstKey) {
      const [{ count } = { count: 0 }] = await store.rows<{ count: number }>(
        sql`select count(*)::int as count from api_keys`,
      );
      if (count === 0)
        firstKey = (await keys.createApiKey(store, { role: 'department', label: 'first key (local mode)' }))
          .key;
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  log(`database ready (${options.store.kind}) in ${Math.round(performance.now() - started)} ms`);
  return { store, firstKey };
}

/**
 * Listens before anything else: a bare node:http server answers /health ("starting") within the
 * process's first tenth of a second, while the app's modules load and the database opens behind it;
 * other requests wait for the app (readiness is not liveness). Never creates a database on a request.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  let listener: Listener | undefined;
  let failed = false;
  const waiting: [IncomingMessage, ServerResponse][] = [];
  const unavailable = (res: ServerResponse) => {
    res.writeHead(503, { 'content-type': 'application/problem+json' });
    res.end(
      JSON.stringify({
        type: 'https://tremplins.example/problems/not_ready',
        title: 'Service Unavailable',
        status: 503,
        code: 'not_ready',
        detail: 'the service could not start; see its log',
      }),
    );
  };
  const dispatch: Listener = (req, res) => {
    if (listener) return listener(req, res);
    if (failed) return unavailable(res);
    if (req.url === '/health' || req.url?.startsWith('/health?')) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ status: 'starting', version: API_VERSION }));
      return;
    }
    waiting.push([req, res]);
  };
  const flush = () => {
    for (const [req, res] of waiting.splice(0)) dispatch(req, res);
  };
  const server = createServer(dispatch);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  const loading = (async () => {
    // Module evaluation is synchronous: loading the app in one go would hold the event loop for most
    // of a second, so /health could not answer. Loading it in steps lets it answer between them.
    for (const step of STARTUP_STEPS) {
      await step();
      // A request needs a few turns of the loop (accept, read, answer): give them between steps.
      for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
    }
    const [{ FieldCipher, parseDataKey }, { createApp }, { getRequestListener }, { todayInParis }] =
      await Promise.all([
        import('./crypto/field-cipher.ts'),
        import('./app.ts'),
        import('@hono/node-server'),
        import('@tremplins/domain'),
      ]);
    const cipher = new FieldCipher(
      parseDataKey(options.dataKey),
      (options.retiredDataKeys ?? []).map((k) => parseDataKey(k, 'TREMPLINS_RETIRED_DATA_KEYS')),
    );
    const opening = openDatabase(options, cipher, log);
    const app = createApp({
      store: opening.then((o) => o.store),
      cipher,
      today: options.today ?? todayInParis,
      log,
      personalDataRatePerMinute: options.personalDataRatePerMinute,
      failedAuthPerMinute: options.failedAuthPerMinute,
    });
    listener = getRequestListener(app.fetch);
    flush();
    return opening;
  })();
  const opened = loading.then((load) => load);
  opened.catch(() => {
    failed = true;
    listener = undefined;
    flush();
  });

  let closing: Promise<void> | undefined;
  return {
    url,
    ready: opened.then(() => undefined),
    firstKey: opened.then(
      (o) => o.firstKey,
      () => undefined,
    ),
    close() {
      closing ??= (async () => {
        // Requests still waiting for a start-up that will not finish are answered, not left hanging.
        if (!listener) {
          failed = true;
          flush();
        }
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        const o = await opened.catch(() => undefined);
        await o?.store.close();
      })();
      return closing;
    },
  };
}
