import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import type { Store } from './db/store.ts';
import { ConfigError, dataPaths, type Env, readEnv, storeConfig } from './env.ts';
import { API_VERSION } from './version.ts';

// Commands load what they need when they run: `serve` must listen within a tenth of a second of
// process start, before the app, the rules and the database driver are loaded.
const HELP = `tremplins ${API_VERSION} — API and tools of convention n°2022-417

Usage: tremplins <command> [options]

  serve [--local]                 Serve the API on PORT (default 8787). --local creates and keeps a data key
                                  in the data directory when TREMPLINS_DATA_KEY is unset (never in production).
  migrate                         Apply pending migrations and seed the conventions, then exit.
  keys create --role <r> [--association <id>] [--label <text>]
                                  Create an API key (department, association or partner); printed once.
  keys revoke <id>                Revoke a key.
  check                           Read an eligibility request (JSON) on stdin, write the result (JSON).
  occupancy [--convention <id>] [--from <date>] [--to <date>] [--as-of <date>]
                                  Occupancy of a convention from the stored stays (JSON).
  audit [--key <id>] [--record <id>] [--from <instant>] [--to <instant>] [--limit <n>]
                                  The audit trail, newest first, one JSON event per line: which records key
                                  K read between two instants, or who read record R (for a breach notice).
  backup <file>                   Copy the embedded database to a .tar.gz file (values stay encrypted).
  restore <file>                  Create the embedded database from a backup (the data directory must be empty).

Environment: PORT, HOST (default 127.0.0.1), TREMPLINS_DATA_DIR (default ./.data), DATABASE_URL
(a PostgreSQL server instead of the embedded database), TREMPLINS_DATA_KEY (openssl rand -base64 32),
TREMPLINS_RETIRED_DATA_KEYS, TREMPLINS_BOOTSTRAP_KEY, TREMPLINS_RATE_LIMIT_PER_MINUTE,
TREMPLINS_FAILED_AUTH_PER_MINUTE (per client address, default 60).`;

/** The CLI flag of an audit query field. */
function flagOf(field: string): string {
  return { keyId: 'key', resourceId: 'record' }[field] ?? field;
}

class UsageError extends Error {
  override name = 'UsageError';
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The data key: from the environment, or in local mode from (or into) the data directory. */
async function dataKey(env: Env, local: boolean): Promise<string> {
  if (env.TREMPLINS_DATA_KEY) return env.TREMPLINS_DATA_KEY;
  const { generateDataKey } = await import('./crypto/field-cipher.ts');
  if (!local) {
    throw new ConfigError(
      'TREMPLINS_DATA_KEY is not set: personal data is encrypted with it.\n' +
        '  Make one with:  openssl rand -base64 32\n' +
        '  and keep it apart from the database and its backups (without it the data cannot be read).\n' +
        '  For a local trial only, `npm start` runs in local mode and keeps a key in the data directory.',
    );
  }
  const { root, localKey } = dataPaths(env);
  if (await exists(localKey)) return (await readFile(localKey, 'utf8')).trim();
  await mkdir(root, { recursive: true });
  const key = generateDataKey();
  await writeFile(localKey, `${key}\n`, { mode: 0o600, flag: 'wx' });
  await chmod(localKey, 0o600);
  console.warn(
    `warning: local mode created a data key in ${localKey}, next to the database it protects.\n` +
      '         This is for trying Tremplins out; in production set TREMPLINS_DATA_KEY from a secret store.',
  );
  return key;
}

async function serve(env: Env, local: boolean): Promise<void> {
  const key = await dataKey(env, local);
  const { startServer } = await import('./server.ts');
  const server = await startServer({
    port: env.PORT,
    host: env.HOST,
    store: storeConfig(env),
    dataKey: key,
    retiredDataKeys: env.TREMPLINS_RETIRED_DATA_KEYS?.split(',').filter(Boolean),
    bootstrapKey: env.TREMPLINS_BOOTSTRAP_KEY,
    createFirstKey: local,
    personalDataRatePerMinute: env.TREMPLINS_RATE_LIMIT_PER_MINUTE,
    failedAuthPerMinute: env.TREMPLINS_FAILED_AUTH_PER_MINUTE,
  });
  console.log(`Tremplins API listening on ${server.url}`);
  console.log(`  reference (works offline): ${server.url}/docs`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing the server and the database`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // `on`, not `once`: proper-lockfile's signal-exit re-raises a signal nobody else listens to any more.
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  try {
    await server.ready;
  } catch (error) {
    console.error(`cannot open the database: ${(error as Error).message}`);
    await server.close().catch(() => {});
    process.exit(1);
  }
  const first = await server.firstKey;
  if (first) {
    console.log('\nFirst start: a department key was created. It is shown once; keep it:\n');
    console.log(`  ${first}\n`);
    console.log(`  curl -H "Authorization: Bearer ${first}" ${server.url}/v1/conventions/2022-417/occupancy`);
  }
}

async function withStore<T>(env: Env, run: (store: Store) => Promise<T>): Promise<T> {
  const { openStore } = await import('./db/store.ts');
  const store = await openStore(storeConfig(env));
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      local: { type: 'boolean', default: false },
      role: { type: 'string' },
      association: { type: 'string' },
      label: { type: 'string' },
      convention: { type: 'string', default: '2022-417' },
      from: { type: 'string' },
      to: { type: 'string' },
      'as-of': { type: 'string' },
      key: { type: 'string' },
      record: { type: 'string' },
      limit: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, sub, arg] = positionals;
  if (values.help || !command || command === 'help') {
    console.log(HELP);
    return;
  }
  const env = readEnv();
  switch (command) {
    case 'serve':
      return serve(env, values.local ?? false);
    case 'migrate':
      await withStore(env, async (store) => console.log(`database migrated and seeded (${store.kind})`));
      return;
    case 'keys': {
      if (sub === 'create') {
        const [{ NewKeySchema }, { createApiKey }, { todayInParis }] = await Promise.all([
          import('@tremplins/client/schemas'),
          import('./services/api-keys.ts'),
          import('@tremplins/domain'),
        ]);
        const parsed = NewKeySchema.safeParse({
          role: values.role,
          associationId: values.association,
          label: values.label ?? `${values.role ?? ''} key created ${todayInParis()}`,
        });
        if (!parsed.success) {
          throw new UsageError(
            parsed.error.issues
              .map(
                (i) => `--${i.path[0] === 'associationId' ? 'association' : String(i.path[0])}: ${i.message}`,
              )
              .join('\n'),
          );
        }
        const created = await withStore(env, (store) => createApiKey(store, parsed.data));
        console.error(`key ${created.id} (${parsed.data.role}) created; it is shown once:`);
        console.log(created.key);
        return;
      }
      if (sub === 'revoke' && arg) {
        const { revokeApiKey } = await import('./services/api-keys.ts');
        const revoked = await withStore(env, (store) => revokeApiKey(store, arg));
        if (!revoked) throw new UsageError(`no active key ${arg}`);
        console.log(`key ${arg} revoked`);
        return;
      }
      throw new UsageError(
        'keys create --role <department|association|partner> [--association <id>] | keys revoke <id>',
      );
    }
    case 'check': {
      const text = await readStdin();
      let request: unknown;
      try {
        request = JSON.parse(text);
      } catch {
        throw new UsageError(
          'stdin is not valid JSON; e.g. {"birthDate":"2005-03-14","commune":"Oignies",...}',
        );
      }
      const { evaluateEligibility } = await import('@tremplins/rules');
      console.log(JSON.stringify(await evaluateEligibility(request as never), null, 2));
      return;
    }
    case 'occupancy': {
      const [{ getConventionDocument }, { occupancyOf }, { todayInParis }] = await Promise.all([
        import('./services/conventions.ts'),
        import('./services/occupancy.ts'),
        import('@tremplins/domain'),
      ]);
      const report = await withStore(env, async (store) => {
        const convention = await getConventionDocument(store, values.convention ?? '2022-417');
        const period = {
          start: values.from ?? convention.period.start,
          end: values.to ?? convention.period.end,
        };
        return occupancyOf(store, convention, period, values['as-of'] ?? todayInParis());
      });
      console.log(JSON.stringify(report, null, 2));
      return;
    }
    case 'audit': {
      const [{ AuditQuerySchema }, { queryAudit }] = await Promise.all([
        import('@tremplins/client/schemas'),
        import('./services/audit.ts'),
      ]);
      // The same query schema as GET /v1/audit: the same refusals, naming the same fields.
      const parsed = AuditQuerySchema.safeParse({
        keyId: values.key,
        resourceId: values.record,
        from: values.from,
        to: values.to,
        limit: values.limit ?? '500',
      });
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => `  --${flagOf(String(i.path[0]))}: ${i.message}`);
        throw new UsageError(`audit: invalid options\n${fields.join('\n')}`);
      }
      const count = await withStore(env, async (store) => {
        let before: number | undefined;
        let printed = 0;
        do {
          const page = await queryAudit(store, { ...parsed.data, ...(before ? { before } : {}) });
          for (const event of page.events) console.log(JSON.stringify(event));
          printed += page.events.length;
          before = page.next ?? undefined;
        } while (before !== undefined && printed < parsed.data.limit);
        return printed;
      });
      console.error(`${count} event(s)`);
      return;
    }
    case 'backup': {
      if (!sub) throw new UsageError('backup <file.tar.gz>');
      if (env.DATABASE_URL) throw new UsageError('with DATABASE_URL, back up the server with pg_dump');
      const size = await withStore(env, async (store) => {
        const blob = await (store.dumpDataDir as () => Promise<Blob>)();
        const bytes = new Uint8Array(await blob.arrayBuffer());
        await mkdir(dirname(sub), { recursive: true });
        await writeFile(sub, bytes, { mode: 0o600 });
        return bytes.length;
      });
      console.log(`backup written to ${sub} (${size} bytes; personal data in it stays encrypted)`);
      return;
    }
    case 'restore': {
      if (!sub) throw new UsageError('restore <file.tar.gz>');
      if (env.DATABASE_URL)
        throw new UsageError('with DATABASE_URL, restore the server with pg_restore/psql');
      const { pgdata } = dataPaths(env);
      if ((await exists(pgdata)) && (await readdir(pgdata)).length > 0) {
        throw new UsageError(`${pgdata} is not empty; restore into an empty TREMPLINS_DATA_DIR`);
      }
      const { PGlite } = await import('@electric-sql/pglite');
      const archive = new Blob([new Uint8Array(await readFile(sub))]);
      await mkdir(pgdata, { recursive: true });
      const pg = new PGlite(pgdata, { loadDataDir: archive });
      await pg.waitReady;
      await pg.close();
      await withStore(env, async () => {});
      console.log(`restored ${sub} into ${pgdata}`);
      return;
    }
    default:
      throw new UsageError(`unknown command ${command}\n\n${HELP}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const name = error instanceof Error ? error.name : '';
  if (name === 'UsageError' || name === 'ConfigError' || name === 'StoreError' || name === 'DataKeyError') {
    console.error((error as Error).message);
    process.exit(2);
  }
  if (name === 'DomainError') {
    const { message, issues } = error as Error & { issues: { path: string; message: string }[] };
    console.error([message, ...issues.map((i) => `  ${i.path}: ${i.message}`)].join('\n'));
    process.exit(2);
  }
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exit(1);
});
