import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildIfStale, cleanEnv, type Spawned, spawnCli, stopAll } from './test-support/spawn.ts';

/**
 * What a supervisor (systemd, a container runtime) sees after a crash: `tremplins serve` on the
 * embedded database is killed with SIGKILL in the middle of a burst of writes and started again at
 * once, ROUNDS times. Every restart must answer /health within HEALTH_MS of its spawn and open the
 * database (/health "ok") without being refused, and every write acknowledged with a 201 before a
 * kill must be there after it.
 */

const ROUNDS = 20;
const CONCURRENCY = 8;
/** Bounds a round's burst if the kill somehow never comes. */
const MAX_WRITES_PER_ROUND = 80;
/** A supervisor's health check: /health answers 200 ("starting", then "ok") within this of the spawn. */
const HEALTH_MS = 3_000;
/**
 * The database open: well under the 15 s a lock without a known owner takes to go stale, so a restart
 * that had to wait a lock out fails; the rest is module loading and WAL recovery, which a loaded
 * 2-core machine stretches (about 2 s when it is idle).
 */
const READY_MS = 10_000;

let root: string;
const dataKey = randomBytes(32).toString('base64');
const bootstrapKey = `trk_${randomBytes(24).toString('base64url')}`;

beforeAll(async () => {
  await buildIfStale();
  root = await mkdtemp(join(tmpdir(), 'tremplins-crash-'));
}, 120_000);

afterAll(async () => {
  await stopAll();
  if (root) await rm(root, { recursive: true, force: true });
});

function start(): { proc: Spawned; url: Promise<string> } {
  const proc = spawnCli(['serve'], {
    env: cleanEnv({
      TREMPLINS_DATA_DIR: join(root, 'data'),
      TREMPLINS_DATA_KEY: dataKey,
      TREMPLINS_BOOTSTRAP_KEY: bootstrapKey,
      PORT: '0',
      HOST: '127.0.0.1',
    }),
  });
  const url = proc.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/).then((m) => m[1] as string);
  return { proc, url };
}

/** Milliseconds from `since` to the first 200 of /health and to its first "ok" (database open). */
async function healthTimes(proc: Spawned, url: Promise<string>, since: number, timeoutMs: number) {
  const base = await url;
  let firstAnswer: number | undefined;
  while (performance.now() - since < timeoutMs) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) break;
    try {
      const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1_000) });
      const body = (await res.json()) as { status?: string };
      if (res.status === 200) {
        firstAnswer ??= performance.now() - since;
        if (body.status === 'ok') return { firstAnswer, ready: performance.now() - since };
      }
    } catch {}
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(
    `no /health "ok" within ${timeoutMs} ms of the spawn\n--- stdout\n${proc.stdout()}\n--- stderr\n${proc.stderr()}`,
  );
}

const auth = { Authorization: `Bearer ${bootstrapKey}` };

/**
 * Writers create apartments until SIGKILL lands; the kill is sent once `killAfter` writes are
 * acknowledged, while the other writers' requests are in flight. Returns the acknowledged labels.
 */
async function burst(proc: Spawned, url: string, round: number, killAfter: number) {
  const acked: string[] = [];
  let sent = 0;
  let inFlight = 0;
  let inFlightAtKill = 0;
  let killed = false;
  const writer = async (w: number) => {
    for (let i = 0; !killed && sent < MAX_WRITES_PER_ROUND; i++) {
      sent++;
      const label = `crash r${round} w${w} n${i}`;
      inFlight++;
      try {
        const res = await fetch(`${url}/v1/apartments`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ label, commune: 'Oignies' }),
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer();
        if (res.status === 201) acked.push(label);
        else if (!killed) throw new Error(`POST /v1/apartments answered ${res.status}`);
      } catch (error) {
        if (!killed) throw error;
        return; // the connection died with the server: not acknowledged
      } finally {
        inFlight--;
      }
      if (!killed && acked.length >= killAfter) {
        killed = true;
        inFlightAtKill = inFlight;
        proc.child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => writer(w)));
  if (!killed) proc.child.kill('SIGKILL');
  return { acked, inFlightAtKill, sent };
}

async function labels(url: string): Promise<Set<string>> {
  const res = await fetch(`${url}/v1/apartments`, { headers: auth, signal: AbortSignal.timeout(10_000) });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { apartments: { label: string }[] };
  return new Set(body.apartments.map((a) => a.label));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

it(`restarts at once after kill -9, ${ROUNDS} times, and keeps every acknowledged write`, async () => {
  // First start: creates the database (not a restart, not timed).
  let { proc, url } = start();
  await healthTimes(proc, url, performance.now(), 60_000);
  const acknowledged: string[] = [];
  const ready: number[] = [];
  const firstAnswers: number[] = [];
  /** What the server reports for opening the database (lock, WAL recovery, migrations). */
  const dbOpen: number[] = [];
  const inFlight: number[] = [];
  let lost = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const killAfter = 2 + ((round * 7) % 13); // 2…14: the kill lands at varied points of the burst
    const result = await burst(proc, await url, round, killAfter);
    await proc.exited;
    expect(result.acked.length, `round ${round}`).toBeGreaterThanOrEqual(killAfter);
    acknowledged.push(...result.acked);
    inFlight.push(result.inFlightAtKill);

    const spawnedAt = performance.now();
    ({ proc, url } = start());
    const times = await healthTimes(proc, url, spawnedAt, 20_000);
    ready.push(times.ready);
    firstAnswers.push(times.firstAnswer);
    dbOpen.push(
      Number((await proc.waitFor(/database ready \(pglite\) in (\d+) ms/, { timeoutMs: 5_000 }))[1]),
    );
    // It was the lock of a dead process that stood in the way, and it was taken over.
    expect(proc.stderr()).toMatch(
      /took over the data directory's lock from process \d+, which is no longer running/,
    );

    const present = await labels(await url);
    const missing = acknowledged.filter((label) => !present.has(label));
    lost += missing.length;
    expect(missing, `round ${round}: acknowledged writes missing after the restart`).toEqual([]);
  }
  const exit = await proc.stop('SIGTERM');
  expect(exit, proc.stderr()).toEqual({ code: 0, signal: null });

  const max = Math.round(Math.max(...ready));
  console.log(
    `crash-restart: ${ROUNDS} kills (${median(inFlight)} requests in flight at a kill, median), ` +
      `${acknowledged.length} acknowledged writes, ${lost} lost; spawn to /health "ok": ` +
      `max ${max} ms, median ${Math.round(median(ready))} ms (first 200: max ${Math.round(Math.max(...firstAnswers))} ms; database open: max ${Math.max(...dbOpen)} ms, median ${Math.round(median(dbOpen))} ms)`,
  );
  expect(lost).toBe(0);
  const perRestart = `per restart, first 200: ${firstAnswers.map(Math.round).join(', ')} ms; "ok": ${ready.map(Math.round).join(', ')} ms; database open: ${dbOpen.join(', ')} ms`;
  expect(Math.max(...firstAnswers), perRestart).toBeLessThan(HEALTH_MS);
  expect(max, perRestart).toBeLessThan(READY_MS);
}, 150_000);
