import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnNode, stopAll } from '../test-support/spawn.ts';
import {
  DataDirLockedError,
  type LockOwner,
  lockDataDir,
  probeProcess,
  selfIdentity,
} from './data-dir-lock.ts';

let root: string;
let self: Awaited<ReturnType<typeof selfIdentity>>;
let n = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tremplins-dir-lock-'));
  self = await selfIdentity();
});

afterAll(async () => {
  await stopAll();
  await rm(root, { recursive: true, force: true });
});

/** A fresh data directory; its lock file is `<dir>.lock`. */
async function dataDir(): Promise<string> {
  const dir = join(root, `pgdata-${++n}`);
  await mkdir(dir);
  return dir;
}

/** Writes the lock another process would have left, last refreshed `ageMs` ago. */
async function plantLock(dir: string, owner: Partial<LockOwner>, ageMs = 0): Promise<void> {
  const record: LockOwner = { ...self, token: `planted-${n}`, takenAt: new Date().toISOString(), ...owner };
  await writeFile(`${dir}.lock`, JSON.stringify(record));
  const when = new Date(Date.now() - ageMs);
  await utimes(`${dir}.lock`, when, when);
}

/** A node process that idles until killed, and its start time. */
async function otherProcess() {
  const child = spawnNode(['-e', 'setInterval(() => {}, 1000); console.log("up")']);
  await child.waitFor(/up/);
  const state = await probeProcess(child.pid);
  if (!state.alive) throw new Error('the child is not running');
  return { child, startTime: state.startTime };
}

function collect() {
  const lines: string[] = [];
  return { lines, log: (line: string) => lines.push(line) };
}

describe('data directory lock', () => {
  it('names its owner, refuses a second taker while held and frees the directory on release', async () => {
    const dir = await dataDir();
    const lock = await lockDataDir(dir);
    const recorded = JSON.parse(await readFile(`${dir}.lock`, 'utf8')) as LockOwner;
    expect(recorded).toMatchObject({ pid: process.pid, hostname: self.hostname });
    expect(Date.parse(recorded.takenAt)).toBeGreaterThan(Date.now() - 10_000);
    if (process.platform === 'linux') expect(recorded.startTime).toMatch(/^\d+$/);

    const refused = await lockDataDir(dir).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as Error).message).toContain(`process ${process.pid} on this host`);
    await lock.release();
    await expect(readdir(root)).resolves.not.toContain(`pgdata-${n}.lock`);
    await (await lockDataDir(dir)).release();
  });

  it('refuses while the owner process is alive, however old its lock', async () => {
    const dir = await dataDir();
    const { child, startTime } = await otherProcess();
    await plantLock(dir, { pid: child.pid, startTime }, 3_600_000);
    await expect(lockDataDir(dir)).rejects.toThrow(`locked by process ${child.pid} on this host`);
    await child.stop('SIGKILL');
  });

  it('takes over at once the lock of a process that is gone, saying so in one line', async () => {
    const dir = await dataDir();
    const { child, startTime } = await otherProcess();
    await plantLock(dir, { pid: child.pid, startTime });
    await child.stop('SIGKILL');
    const { lines, log } = collect();
    const started = Date.now();
    const lock = await lockDataDir(dir, { log });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(lines).toEqual([
      `took over the data directory's lock from process ${child.pid}, which is no longer running`,
    ]);
    expect(JSON.parse(await readFile(`${dir}.lock`, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it.runIf(process.platform === 'linux')(
    'takes over the lock of a reused pid: alive, but started at another time',
    async () => {
      const dir = await dataDir();
      const { child, startTime } = await otherProcess();
      await plantLock(dir, { pid: child.pid, startTime: String(Number(startTime) - 1) });
      const { lines, log } = collect();
      const lock = await lockDataDir(dir, { log });
      expect(lines[0]).toMatch(/its pid was reused/);
      await lock.release();
      await child.stop('SIGKILL');
    },
  );

  it('takes over a lock written on another host only once it is older than the stale age', async () => {
    const dir = await dataDir();
    // Our own pid is alive, but on "another host" it is not ours: only the lock's age counts.
    await plantLock(dir, { hostname: 'another-host' }, 5_000);
    await expect(lockDataDir(dir, { staleMs: 15_000 })).rejects.toThrow(
      /process \d+ on host "another-host" \(another host or container/,
    );
    await plantLock(dir, { hostname: 'another-host' }, 16_000);
    const { lines, log } = collect();
    const lock = await lockDataDir(dir, { staleMs: 15_000, log });
    expect(lines[0]).toMatch(/another host or container, silent for 16 s/);
    await lock.release();
  });

  it('treats another pid namespace (a container) as another host', async () => {
    const dir = await dataDir();
    await plantLock(dir, { pid: 999_999_999, pidNamespace: 'pid:[1]' }, 1_000);
    await expect(lockDataDir(dir)).rejects.toThrow(/another host or container/);
  });

  it('without start times (no /proc), a living pid holds the lock until it is stale', async () => {
    const dir = await dataDir();
    const probe = async () => ({ alive: true as const, startTime: null });
    await plantLock(dir, { pid: 4242, startTime: null }, 1_000);
    await expect(lockDataDir(dir, { probe })).rejects.toThrow(/process 4242 on this host/);
    await plantLock(dir, { pid: 4242, startTime: null }, 20_000);
    const lock = await lockDataDir(dir, { probe, log: () => {} });
    await lock.release();
  });

  it("respects an earlier version's lock directory until it is stale", async () => {
    const dir = await dataDir();
    await mkdir(`${dir}.lock`);
    await expect(lockDataDir(dir)).rejects.toThrow(/does not name itself/);
    const old = new Date(Date.now() - 20_000);
    await utimes(`${dir}.lock`, old, old);
    const { lines, log } = collect();
    const lock = await lockDataDir(dir, { log });
    expect(lines[0]).toMatch(/earlier version/);
    await lock.release();
  });

  it('lets exactly one of several processes taking over a dead lock at once win', async () => {
    const dir = await dataDir();
    await plantLock(dir, { pid: 999_999_999 });
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => lockDataDir(dir, { log: () => {} })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'fulfilled') await r.value.release();
    expect((await readdir(root)).filter((f) => f.startsWith(`pgdata-${n}.`))).toEqual([]);
  });

  it('reports a lock replaced under its owner', async () => {
    const dir = await dataDir();
    const errors: Error[] = [];
    const lock = await lockDataDir(dir, { refreshMs: 20, onCompromised: (e) => errors.push(e) });
    await plantLock(dir, { token: 'someone-else' });
    await expect.poll(() => errors.length, { timeout: 2_000 }).toBe(1);
    expect(errors[0]?.message).toMatch(/taken by another process/);
    await lock.release();
    // The other process's lock is left alone.
    expect(JSON.parse(await readFile(`${dir}.lock`, 'utf8')).token).toBe('someone-else');
  });
});
