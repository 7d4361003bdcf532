/**
 * Performance figures of the API, with the targets of docs/perf (research: shared/research/perf.md).
 *
 *   npm run bench -w @tremplins/api            # builds dist first when it is older than src
 *   npm run bench -w @tremplins/api -- --strict   # exit 1 when a target is missed
 *
 * Servers run as separate processes from the BUILT CLI (`node dist/cli.js serve`), so autocannon does
 * not share their event loop; the 100 000-stay fixture is written in-process with the src store.
 * Progress goes to stderr; stdout gets a table, then one JSON line (the last line) for tooling.
 * Every child process and temporary directory is removed at the end, also on failure or Ctrl-C.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { openStore } from '../src/db/store.ts';
import { getConventionDocument } from '../src/services/conventions.ts';
import { occupancyOf } from '../src/services/occupancy.ts';
import {
  buildIfStale,
  CLI,
  cleanEnv,
  type Spawned,
  spawnCli,
  spawnNode,
  stopAll,
  waitForHealth,
} from '../src/test-support/spawn.ts';

const TARGETS = {
  ratio: 0.5,
  eligibilityP99Ms: 20,
  batch10kMs: 1_000,
  occupancy100kMs: 250,
  coldStartRatio: 3,
};
const STRICT = process.argv.includes('--strict');
const CONNECTIONS = 50;
const DURATION_S = 10;
const WARMUP_S = 2;
const STAYS = 100_000;

const APPLICANT = {
  birthDate: '2003-03-14',
  commune: 'Oignies',
  aseStatus: 'former',
  inInsertionPath: true,
  hasResources: true,
  referenceDate: '2022-06-01',
};

const started = performance.now();
function progress(line: string): void {
  process.stderr.write(
    `[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`,
  );
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** A deterministic generator, so two runs post the same applicants and store the same stays. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY_MS = 86_400_000;
const isoDay = (epochDay: number) => new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
const epochDayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls until `url` answers 200; returns the time since `since` (ms). */
async function firstOk(url: string, since: number, proc: Spawned, timeoutMs = 30_000): Promise<number> {
  const deadline = since + timeoutMs;
  while (performance.now() < deadline) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
    } catch {
      // Not listening yet.
    }
    if (proc.child.exitCode !== null) {
      throw new Error(`the process exited (${proc.child.exitCode}) before answering:\n${proc.stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${proc.stderr()}`);
}

async function stopServer(proc: Spawned): Promise<void> {
  const exit = await proc.stop('SIGTERM');
  if (exit.code !== 0 && exit.signal !== 'SIGTERM') {
    throw new Error(`the server exited with ${exit.code ?? exit.signal} on SIGTERM:\n${proc.stderr()}`);
  }
}

async function load(
  title: string,
  options: autocannon.Options,
): Promise<{ rps: number; p50: number; p99: number; non2xx: number; errors: number }> {
  progress(`${title}: ${WARMUP_S} s warm-up`);
  await autocannon({ ...options, connections: CONNECTIONS, duration: WARMUP_S });
  progress(`${title}: ${DURATION_S} s at ${CONNECTIONS} connections`);
  const r = await autocannon({ ...options, connections: CONNECTIONS, duration: DURATION_S });
  const figures = {
    rps: round(r.requests.average, 0),
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
  progress(`${title}: ${figures.rps} req/s, p50 ${figures.p50} ms, p99 ${figures.p99} ms`);
  if (figures.non2xx > 0 || figures.errors > 0) {
    progress(`WARNING ${title}: ${figures.non2xx} non-2xx answers and ${figures.errors} errors`);
  }
  return figures;
}

const COMMUNES = [
  'Oignies',
  'Carvin',
  'Courrières',
  'Hénin-Beaumont',
  'Montigny-en-Gohelle',
  'Rouvroy',
  'Dourges',
  'Libercourt',
  'Noyelles-Godault',
  'Leforest',
  'Évin-Malmaison',
  '62427',
  'Lens',
  'Arras',
  'Lille',
];
const ASE = ['none', 'in_care', 'former'] as const;

/** Varied, valid applicants: ages 12 to 27 at the reference date, CAHC communes and others, facts often missing. */
function applicants(count: number): Record<string, unknown>[] {
  const random = prng(417);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const maybe = () => (random() < 0.3 ? undefined : random() < 0.5);
  const reference = epochDayOf('2022-06-01');
  return Array.from({ length: count }, () => ({
    birthDate: isoDay(reference - Math.floor((12 + random() * 15) * 365.25)),
    commune: pick(COMMUNES),
    aseStatus: pick(ASE),
    inInsertionPath: random() < 0.7,
    hasResources: maybe(),
    youngAdultContract: maybe(),
    familyRupture: maybe(),
    needsSupport: maybe(),
    referenceDate: random() < 0.9 ? '2022-06-01' : '2023-01-15',
  }));
}

/**
 * Writes `count` stays of 2022-417 and the beneficiaries they point to, one `unnest()` statement per
 * table. The beneficiaries' `*_enc` columns hold dummy strings, not ciphertext: the occupancy query
 * never reads them, and sealing 100 000 records would measure the cipher, not the query. The stays
 * overlap far beyond the 23 places (the query does not care), start between mid-2021 and the end of
 * 2022, last 1 to 400 days, and 70 % have ended.
 */
async function seedStays(dataDir: string, count: number) {
  const store = await openStore({ kind: 'pglite', dataDir });
  try {
    const random = prng(2022);
    const places = [
      ...Array.from(
        { length: 17 },
        (_, i) => [`2022-417-A${String(i + 1).padStart(2, '0')}`, 'adult'] as const,
      ),
      ...Array.from(
        { length: 6 },
        (_, i) => [`2022-417-M${String(i + 1).padStart(2, '0')}`, 'minor'] as const,
      ),
    ];
    const ids: string[] = [];
    const placeIds: string[] = [];
    const categories: string[] = [];
    const starts: string[] = [];
    const planned: string[] = [];
    const ends: (string | null)[] = [];
    const reasons: (string | null)[] = [];
    const first = epochDayOf('2021-06-01');
    const span = epochDayOf('2022-12-31') - first;
    for (let i = 0; i < count; i++) {
      const [placeId, category] = places[i % places.length] as (typeof places)[number];
      const start = first + Math.floor(random() * span);
      const length = 1 + Math.floor(random() * 400);
      const ended = random() < 0.7;
      ids.push(`bench-${i}`);
      placeIds.push(placeId);
      categories.push(category);
      starts.push(isoDay(start));
      planned.push(isoDay(start + 180));
      ends.push(ended ? isoDay(start + length) : null);
      reasons.push(ended ? 'project_completed' : null);
    }
    // Arrays travel as one text parameter each (an array literal), cast in SQL: no row-by-row round trips.
    const literal = (values: (string | null)[]) =>
      `{${values.map((v) => (v === null ? 'NULL' : v)).join(',')}}`;
    const t0 = performance.now();
    await store.rows(sql`
      insert into beneficiaries (id, association_id, facts_enc, birth_date_certainty_enc, last_name_enc,
        first_name_enc, postal_address_enc, phone_enc, caf_number_enc, caf_bidx)
      select id, 'bench', 'bench-dummy', 'bench-dummy', 'bench-dummy', 'bench-dummy', 'bench-dummy', 'bench-dummy',
        'bench-dummy', 'bench-' || id
      from unnest(${literal(ids)}::text[]) as t(id)`);
    const t1 = performance.now();
    await store.rows(sql`
      insert into stays (id, beneficiary_id, place_id, association_id, category, start_on, planned_end_on,
        renewals, end_on, exit_reason_enc)
      select id, id, place_id, 'bench', category, start_on, planned_end_on, 0, end_on, exit_reason
      from unnest(${literal(ids)}::text[], ${literal(placeIds)}::text[], ${literal(categories)}::text[],
        ${literal(starts)}::date[], ${literal(planned)}::date[], ${literal(ends)}::date[],
        ${literal(reasons)}::text[]) as t(id, place_id, category, start_on, planned_end_on, end_on, exit_reason)`);
    const t2 = performance.now();
    await store.rows(sql`analyze stays`);
    const [{ n } = { n: 0 }] = await store.rows<{ n: number }>(sql`select count(*)::int as n from stays`);
    if (n !== count) throw new Error(`expected ${count} stays, found ${n}`);
    progress(
      `inserted ${count} beneficiaries in ${Math.round(t1 - t0)} ms and ${count} stays in ${Math.round(t2 - t1)} ms (one unnest statement each)`,
    );

    const convention = await getConventionDocument(store, '2022-417');
    const period = { start: '2022-01-01', end: '2022-12-31' };
    await occupancyOf(store, convention, period, OCCUPANCY_AS_OF);
    const runs: number[] = [];
    let days = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      days = (await occupancyOf(store, convention, period, OCCUPANCY_AS_OF)).days;
      runs.push(performance.now() - t);
    }
    progress(`occupancyOf in-process: ${runs.map((r) => Math.round(r)).join('/')} ms (${days} days)`);
    return { insertMs: t2 - t0, serviceMs: median(runs), serviceRuns: runs, days };
  } finally {
    await store.close();
  }
}

const OCCUPANCY_AS_OF = '2022-09-01';

const cleanup: (() => Promise<void>)[] = [];
async function cleanUp(): Promise<void> {
  await stopAll();
  for (const step of cleanup.reverse()) await step().catch(() => {});
  cleanup.length = 0;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    progress(`${signal}: cleaning up`);
    cleanUp().finally(() => process.exit(130));
  });
}

async function main() {
  if (await buildIfStale(progress)) progress('built dist/');
  const root = await mkdtemp(join(os.tmpdir(), 'tremplins-bench-'));
  cleanup.push(() => rm(root, { recursive: true, force: true }));
  const dataDir = join(root, 'data');
  const pgdata = join(dataDir, 'pgdata');
  const dataKey = randomBytes(32).toString('base64');
  const apiKey = randomBytes(24).toString('base64url');
  const serverEnv = (port: number) =>
    cleanEnv({
      TREMPLINS_DATA_DIR: dataDir,
      TREMPLINS_DATA_KEY: dataKey,
      TREMPLINS_BOOTSTRAP_KEY: apiKey,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
  const auth = { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' };

  // 1. Throughput and latency, then the batch, on a fresh embedded database.
  progress(`starting ${CLI} serve on a new data directory (creates the database)`);
  let server = spawnCli(['serve'], { env: serverEnv(await freePort()) });
  const [, url] = await server.waitFor(/listening on (http:\/\/\S+)/);
  await waitForHealth(url as string, { timeoutMs: 60_000 });
  progress(`server ready at ${url}`);
  const check = await fetch(`${url}/v1/eligibility`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify(APPLICANT),
  });
  if (check.status !== 200)
    throw new Error(`POST /v1/eligibility answered ${check.status}: ${await check.text()}`);

  const health = await load('GET /health', { url: `${url}/health` });
  const eligibility = await load('POST /v1/eligibility', {
    url: `${url}/v1/eligibility`,
    method: 'POST',
    headers: auth,
    body: JSON.stringify(APPLICANT),
  });

  const batchBody = JSON.stringify({ requests: applicants(10_000) });
  const batchRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const res = await fetch(`${url}/v1/eligibility/batch`, {
      method: 'POST',
      headers: auth,
      body: batchBody,
    });
    const body = (await res.json()) as { results?: { result?: unknown }[] };
    batchRuns.push(performance.now() - t);
    if (res.status !== 200 || body.results?.length !== 10_000 || body.results.some((r) => !r.result)) {
      throw new Error(
        `the batch did not answer 10 000 results: ${res.status} ${JSON.stringify(body).slice(0, 500)}`,
      );
    }
  }
  progress(
    `batch of 10 000 (${Math.round(batchBody.length / 1024)} KiB): ${batchRuns.map((r) => Math.round(r)).join('/')} ms`,
  );
  await stopServer(server);

  // 2. Cold start on the now existing data directory, against a bare node:http server, interleaved.
  const bareScript = join(root, 'bare-http.mjs');
  await writeFile(
    bareScript,
    `import { createServer } from 'node:http';
createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"status":"ok"}');
}).listen(Number(process.env.PORT), process.env.HOST);
`,
  );
  const cold: number[] = [];
  const coldReady: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 5; i++) {
    for (const which of i % 2 ? (['tremplins', 'bare'] as const) : (['bare', 'tremplins'] as const)) {
      const port = await freePort();
      const target = `http://127.0.0.1:${port}/health`;
      const since = performance.now();
      const proc =
        which === 'bare'
          ? spawnNode([bareScript], { env: serverEnv(port) })
          : spawnCli(['serve'], { env: serverEnv(port) });
      const ms = await firstOk(target, since, proc);
      if (which === 'bare') {
        bare.push(ms);
      } else {
        cold.push(ms);
        await waitForHealth(`http://127.0.0.1:${port}`, { timeoutMs: 30_000 });
        coldReady.push(performance.now() - since);
      }
      await stopServer(proc);
    }
  }
  progress(
    `cold start: tremplins ${cold.map(Math.round).join('/')} ms (ready ${coldReady.map(Math.round).join('/')}), bare node:http ${bare.map(Math.round).join('/')} ms`,
  );

  // 3. Occupancy of 2022-417 with 100 000 stored stays: the service in-process, then the HTTP route.
  progress(`writing ${STAYS} stays into the embedded database`);
  const seeded = await seedStays(pgdata, STAYS);
  server = spawnCli(['serve'], { env: serverEnv(await freePort()) });
  const [, url2] = await server.waitFor(/listening on (http:\/\/\S+)/);
  await waitForHealth(url2 as string, { timeoutMs: 60_000 });
  const occupancyUrl = `${url2}/v1/conventions/2022-417/occupancy?from=2022-01-01&to=2022-12-31&asOf=${OCCUPANCY_AS_OF}`;
  const occupancyRuns: number[] = [];
  for (let i = 0; i < 4; i++) {
    const t = performance.now();
    const res = await fetch(occupancyUrl, { headers: auth });
    const body = (await res.json()) as { days?: number };
    if (i > 0) occupancyRuns.push(performance.now() - t);
    if (res.status !== 200 || body.days !== seeded.days) {
      throw new Error(
        `occupancy over HTTP: ${res.status} ${JSON.stringify(body)} (service said ${seeded.days} days)`,
      );
    }
  }
  progress(`GET occupancy over HTTP: ${occupancyRuns.map(Math.round).join('/')} ms (after one warm-up call)`);
  await stopServer(server);

  const ratio = eligibility.rps / health.rps;
  const coldStartMs = median(cold);
  const bareNodeColdStartMs = median(bare);
  const figures = {
    healthRps: health.rps,
    eligibilityRps: eligibility.rps,
    ratio: round(ratio, 3),
    eligibilityP99Ms: eligibility.p99,
    batch10kMs: round(median(batchRuns)),
    occupancy100kMs: round(median(occupancyRuns)),
    coldStartMs: round(median(cold)),
    bareNodeColdStartMs: round(bareNodeColdStartMs),
    coldStartRatio: round(coldStartMs / bareNodeColdStartMs, 2),
    healthP50Ms: health.p50,
    healthP99Ms: health.p99,
    eligibilityP50Ms: eligibility.p50,
    non2xx: health.non2xx + eligibility.non2xx,
    loadErrors: health.errors + eligibility.errors,
    batchRunsMs: batchRuns.map((r) => round(r)),
    occupancy100kServiceMs: round(seeded.serviceMs),
    occupancyRunsMs: occupancyRuns.map((r) => round(r)),
    insert100kMs: round(seeded.insertMs),
    coldReadyMs: round(median(coldReady)),
    coldStartRunsMs: cold.map((r) => round(r)),
    bareRunsMs: bare.map((r) => round(r)),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model.trim() ?? 'unknown',
      loadavg: os.loadavg(),
    },
    node: process.version,
    date: new Date().toISOString(),
  };
  const met = {
    ratio: figures.ratio >= TARGETS.ratio,
    eligibilityP99Ms: figures.eligibilityP99Ms < TARGETS.eligibilityP99Ms,
    batch10kMs: figures.batch10kMs < TARGETS.batch10kMs,
    occupancy100kMs: figures.occupancy100kMs < TARGETS.occupancy100kMs,
    coldStart: figures.coldStartRatio <= TARGETS.coldStartRatio,
  };
  const ok = (b: boolean) => (b ? 'ok' : 'MISSED');
  const rows: [string, string, string, string][] = [
    ['GET /health', `${figures.healthRps} req/s`, `p50 ${health.p50} ms, p99 ${health.p99} ms`, ''],
    ['POST /v1/eligibility', `${figures.eligibilityRps} req/s`, `p50 ${eligibility.p50} ms`, ''],
    ['  ratio eligibility/health', String(figures.ratio), `>= ${TARGETS.ratio}`, ok(met.ratio)],
    [
      '  eligibility p99',
      `${figures.eligibilityP99Ms} ms`,
      `< ${TARGETS.eligibilityP99Ms} ms`,
      ok(met.eligibilityP99Ms),
    ],
    [
      'batch of 10 000 (median of 3)',
      `${figures.batch10kMs} ms`,
      `< ${TARGETS.batch10kMs} ms`,
      ok(met.batch10kMs),
    ],
    [
      'occupancy @100k stays, HTTP',
      `${figures.occupancy100kMs} ms`,
      `< ${TARGETS.occupancy100kMs} ms`,
      ok(met.occupancy100kMs),
    ],
    ['  same, occupancyOf in-process', `${figures.occupancy100kServiceMs} ms`, '', ''],
    ['  insert 100k + 100k rows (unnest)', `${figures.insert100kMs} ms`, '', ''],
    [
      'cold start to first /health 200',
      `${figures.coldStartMs} ms`,
      `ready (db open) ${figures.coldReadyMs} ms`,
      '',
    ],
    ['bare node:http cold start', `${figures.bareNodeColdStartMs} ms`, '', ''],
    ['  cold start ratio', `${figures.coldStartRatio}x`, `<= ${TARGETS.coldStartRatio}x`, ok(met.coldStart)],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
  console.log(
    `\nTremplins API bench — ${figures.machine.cpus} × ${figures.machine.model}, Node ${figures.node}, load ${figures.machine.loadavg.map((l) => l.toFixed(2)).join(' ')}`,
  );
  console.log(
    `autocannon -c ${CONNECTIONS} -d ${DURATION_S} (+${WARMUP_S} s warm-up), server in a child process; non-2xx ${figures.non2xx}, errors ${figures.loadErrors}\n`,
  );
  for (const r of rows) {
    console.log(
      `  ${r[0].padEnd(widths[0] as number)}  ${r[1].padStart(widths[1] as number)}  ${r[2].padEnd(widths[2] as number)}  ${r[3]}`,
    );
  }
  console.log('');
  console.log(JSON.stringify({ ...figures, targetsMet: met }));
  return Object.values(met).every(Boolean) && figures.non2xx === 0 && figures.loadErrors === 0;
}

let exitCode = 0;
try {
  const allMet = await main();
  if (!allMet && STRICT) exitCode = 1;
} catch (error) {
  progress(
    `FAILED: ${(error instanceof Error ? (error.stack ?? error.message) : String(error)).slice(0, 2_000)}`,
  );
  exitCode = 1;
} finally {
  await cleanUp();
  progress('cleaned up every child process and temporary directory');
}
process.exit(exitCode);
