import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import {
  link,
  open,
  readFile,
  readlink,
  realpath,
  rename,
  rm,
  stat,
  unlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { hostname } from 'node:os';

/**
 * One process per data directory: PGlite takes no lock of its own and two processes on one directory
 * corrupt it (pglite#1106). The lock is a file next to the directory (`<dir>.lock`) that names its
 * owner, so a restart after a crash does not have to wait for a timeout.
 *
 * Why these rules. A lock left by a process that died (kill -9, OOM killer, power cut of a container)
 * must not hold a supervisor's restart back: on this host we can *prove* the owner is gone — its pid
 * is not running, or runs a process started at another time (pids are reused) — so such a lock is
 * taken over at once. Proof needs the same pid space: "this host" is the same hostname, boot and pid
 * namespace; a container restarted in a new pid namespace, or another machine on a shared volume,
 * cannot see the owner's process, so there the only evidence is the owner's heartbeat (the file's
 * mtime, refreshed every few seconds) and the lock is taken over only once it is older than the
 * stale age. Where the start time of a process cannot be read (no /proc), a living pid is the owner
 * until its heartbeat is stale. A live owner is never taken over, however old its lock.
 */

export interface LockOwner {
  pid: number;
  /** Start time of the process (`/proc/<pid>/stat` field 22, clock ticks since boot); null without /proc. */
  startTime: string | null;
  hostname: string;
  /** `/proc/sys/kernel/random/boot_id`: a reboot makes every recorded pid meaningless. */
  bootId: string | null;
  /** `/proc/self/ns/pid`: pids are only comparable inside one pid namespace. */
  pidNamespace: string | null;
  /** Distinguishes this lock from any other taken by the same process. */
  token: string;
  takenAt: string;
}

/** Where a process stands, as seen from here. */
export type ProcessState = { alive: false } | { alive: true; startTime: string | null };

export interface LockOptions {
  /** A lock whose heartbeat is older than this may be taken over when its owner cannot be checked. */
  staleMs?: number;
  /** Heartbeat period; must be well under `staleMs`. */
  refreshMs?: number;
  /** One line when a dead owner's lock is taken over (pid and age only). */
  log?: (line: string) => void;
  /** Called when the lock was removed or replaced under us; by default throws (the process ends). */
  onCompromised?: (error: Error) => void;
  /** For tests: this process's identity and how other processes are probed. */
  self?: Omit<LockOwner, 'token' | 'takenAt'>;
  probe?: (pid: number) => Promise<ProcessState>;
}

export interface DataDirLock {
  readonly path: string;
  readonly owner: LockOwner;
  release(): Promise<void>;
}

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  /** Who holds it, e.g. "process 1234 on this host". */
  readonly holder: string;
  /** The recorded owner, when the lock could be read. */
  readonly owner: LockOwner | undefined;
  constructor(holder: string, owner: LockOwner | undefined) {
    super(`the data directory is locked by ${holder}`);
    this.holder = holder;
    this.owner = owner;
  }
}

export const DEFAULT_STALE_MS = 15_000;
export const DEFAULT_REFRESH_MS = 5_000;

async function readOr<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch {
    return fallback;
  }
}

/** Fields after the command name, which may itself hold spaces and parentheses. */
function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** State and start time of `pid` from /proc, or from `kill(pid, 0)` where there is no /proc. */
export async function probeProcess(pid: number): Promise<ProcessState> {
  try {
    const fields = statFields(await readFile(`/proc/${pid}/stat`, 'utf8'));
    // Field 3 is the state: a zombie (Z) or dead (X) process has already let go of its files.
    if (fields[0] === 'Z' || fields[0] === 'X') return { alive: false };
    return { alive: true, startTime: fields[19] ?? null };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && (await hasProc())) return { alive: false };
  }
  try {
    process.kill(pid, 0);
    return { alive: true, startTime: null };
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
      ? { alive: true, startTime: null }
      : { alive: false };
  }
}

async function hasProc(): Promise<boolean> {
  return readOr(async () => (await stat(`/proc/${process.pid}/stat`)).isFile(), false);
}

/** This process as a lock owner records it. */
export async function selfIdentity(): Promise<Omit<LockOwner, 'token' | 'takenAt'>> {
  const [probed, bootId, pidNamespace] = await Promise.all([
    probeProcess(process.pid),
    readOr(async () => (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim() || null, null),
    readOr(() => readlink('/proc/self/ns/pid'), null),
  ]);
  return {
    pid: process.pid,
    startTime: probed.alive ? probed.startTime : null,
    hostname: hostname(),
    bootId,
    pidNamespace,
  };
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (Number.isInteger(o.pid) && typeof o.token === 'string' && typeof o.hostname === 'string') {
      return {
        pid: o.pid as number,
        startTime: typeof o.startTime === 'string' ? o.startTime : null,
        hostname: o.hostname,
        bootId: typeof o.bootId === 'string' ? o.bootId : null,
        pidNamespace: typeof o.pidNamespace === 'string' ? o.pidNamespace : null,
        token: o.token,
        takenAt: typeof o.takenAt === 'string' ? o.takenAt : '',
      };
    }
  } catch {}
  return undefined;
}

interface Found {
  /** Undefined when the file does not name an owner (an earlier version's lock directory, a torn write). */
  owner: LockOwner | undefined;
  mtimeMs: number;
}

async function readLock(path: string): Promise<Found | undefined> {
  try {
    const info = await stat(path);
    const owner = info.isFile() ? parseOwner(await readFile(path, 'utf8')) : undefined;
    return { owner, mtimeMs: info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export type Verdict = { held: true; why: string } | { held: false; why: string };

/** Whether the lock `found` still belongs to a living owner, by the rules at the top of this file. */
export async function judge(
  found: Found,
  self: Omit<LockOwner, 'token' | 'takenAt'>,
  probe: (pid: number) => Promise<ProcessState>,
  staleMs: number,
  now = Date.now(),
): Promise<Verdict> {
  const age = Math.max(0, now - found.mtimeMs);
  const ageText = `${Math.round(age / 1000)} s`;
  const stale = age > staleMs;
  const { owner } = found;
  if (!owner) {
    return stale
      ? { held: false, why: `a lock naming no owner (an earlier version's), not refreshed for ${ageText}` }
      : { held: true, why: 'a process that does not name itself (an earlier version?)' };
  }
  const sameHost =
    owner.hostname === self.hostname &&
    owner.bootId === self.bootId &&
    owner.pidNamespace === self.pidNamespace;
  if (!sameHost) {
    return stale
      ? { held: false, why: `process ${owner.pid} of another host or container, silent for ${ageText}` }
      : {
          held: true,
          why: `process ${owner.pid} on host "${owner.hostname}" (another host or container, seen ${ageText} ago; taken over once silent for ${Math.round(staleMs / 1000)} s)`,
        };
  }
  const state = await probe(owner.pid);
  if (!state.alive) return { held: false, why: `process ${owner.pid}, which is no longer running` };
  if (owner.startTime !== null && state.startTime !== null) {
    return owner.startTime === state.startTime
      ? { held: true, why: `process ${owner.pid} on this host` }
      : { held: false, why: `process ${owner.pid}, which is no longer running (its pid was reused)` };
  }
  return stale
    ? { held: false, why: `process ${owner.pid}, silent for ${ageText}` }
    : { held: true, why: `process ${owner.pid} on this host` };
}

function randomSuffix(): string {
  return `${process.pid}.${randomBytes(6).toString('hex')}`;
}

/** Creates `path` holding `content`, failing with EEXIST if it exists: never visible half-written. */
async function createWith(path: string, content: string): Promise<void> {
  const tmp = `${path}.${randomSuffix()}.tmp`;
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(tmp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
    // A file system without hard links: exclusive create, then write (a reader may see it empty).
    await writeFile(path, content, { flag: 'wx', mode: 0o600 });
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

/**
 * Removes the lock judged dead, unless it changed meanwhile. Renaming first makes the removal atomic:
 * of two processes taking over the same dead lock, one renames it and the other finds it gone, and
 * neither removes a lock the winner has just written.
 */
async function removeDead(path: string, judged: Found): Promise<boolean> {
  const tomb = `${path}.${randomSuffix()}.stale`;
  try {
    await rename(path, tomb);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const moved = await readLock(tomb);
  const same = judged.owner ? moved?.owner?.token === judged.owner.token : !moved?.owner;
  if (!same) {
    // Someone took it over between our read and our rename: put theirs back.
    await link(tomb, path).catch(() => {});
    await rm(tomb, { force: true, recursive: true });
    return false;
  }
  await rm(tomb, { force: true, recursive: true });
  return true;
}

/** Takes the lock of `dir` (`<realpath of dir>.lock`), or throws DataDirLockedError naming the owner. */
export async function lockDataDir(dir: string, options: LockOptions = {}): Promise<DataDirLock> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const refreshMs = options.refreshMs ?? DEFAULT_REFRESH_MS;
  const probe = options.probe ?? probeProcess;
  const log = options.log ?? ((line: string) => console.warn(line));
  const path = `${await realpath(dir)}.lock`;
  const self = options.self ?? (await selfIdentity());
  const owner: LockOwner = {
    ...self,
    token: randomBytes(16).toString('hex'),
    takenAt: new Date().toISOString(),
  };
  const content = `${JSON.stringify(owner, null, 2)}\n`;

  // Bounded: each turn either takes the lock, refuses, or removes a dead owner's lock; several
  // processes taking over at once settle within a few turns.
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      await createWith(path, content);
      return holdLock(path, owner, staleMs, refreshMs, options.onCompromised);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const found = await readLock(path);
    if (!found) continue;
    const verdict = await judge(found, self, probe, staleMs);
    if (verdict.held) throw new DataDirLockedError(verdict.why, found.owner);
    if (await removeDead(path, found)) log(`took over the data directory's lock from ${verdict.why}`);
  }
  throw new DataDirLockedError('processes taking it over at the same time', undefined);
}

function holdLock(
  path: string,
  owner: LockOwner,
  staleMs: number,
  refreshMs: number,
  onCompromised: ((error: Error) => void) | undefined,
): DataDirLock {
  let released = false;
  let lastBeat = Date.now();
  const compromised = (why: string) => {
    released = true;
    clearInterval(timer);
    process.off('exit', onExit);
    const error = new Error(
      `the lock of the data directory was ${why}; stopping before two processes write to it`,
    );
    if (onCompromised) onCompromised(error);
    else
      setImmediate(() => {
        throw error;
      });
  };
  const beat = async () => {
    try {
      const found = await readLock(path);
      if (released) return;
      if (found?.owner?.token !== owner.token)
        return compromised(found ? 'taken by another process' : 'removed');
      const now = new Date();
      await utimes(path, now, now);
      lastBeat = now.getTime();
    } catch {
      // A passing I/O error (a network volume): the next beat retries, until the heartbeat is stale.
      if (!released && Date.now() - lastBeat > staleMs) compromised('not refreshed in time');
    }
  };
  const timer = setInterval(beat, refreshMs);
  timer.unref();
  // A process that ends without closing the store (process.exit) leaves no lock for a shared volume's
  // other host to wait out.
  const onExit = () => {
    try {
      if (parseOwner(readFileSync(path, 'utf8'))?.token === owner.token) unlinkSync(path);
    } catch {}
  };
  process.on('exit', onExit);
  return {
    path,
    owner,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      process.off('exit', onExit);
      const found = await readLock(path).catch(() => undefined);
      if (found?.owner?.token === owner.token) await unlink(path).catch(() => {});
    },
  };
}
