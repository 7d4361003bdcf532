import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Child processes for the tests and the bench that drive the built `tremplins` CLI: every process
 * started here is tracked, so a failing test still stops it (`stopAll`).
 */

export const API_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(API_DIR, 'dist', 'cli.js');

const live = new Set<ChildProcess>();

/** The environment without any Tremplins setting of the caller's shell, plus `extra`. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('TREMPLINS_') || ['DATABASE_URL', 'PORT', 'HOST', 'NODE_OPTIONS'].includes(name)) {
      continue;
    }
    env[name] = value;
  }
  for (const [name, value] of Object.entries(extra)) if (value !== undefined) env[name] = value;
  return env;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Spawned {
  readonly child: ChildProcess;
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` on stdout (or stderr); rejects on exit or timeout. */
  waitFor(
    pattern: RegExp,
    options?: { timeoutMs?: number; stream?: 'stdout' | 'stderr' },
  ): Promise<RegExpMatchArray>;
  readonly exited: Promise<Exit>;
  /** Sends `signal`, then SIGKILL after `graceMs`; resolves with the exit. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<Exit>;
}

export function spawnNode(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {},
): Spawned {
  const child = spawn(process.execPath, args, {
    env: options.env ?? cleanEnv(),
    cwd: options.cwd ?? API_DIR,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  live.add(child);
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const l of listeners) l();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
    for (const l of listeners) l();
  });
  child.stdin?.on('error', () => {});
  if (options.input !== undefined) child.stdin?.end(options.input);
  else child.stdin?.end();
  let done = false;
  const exited = new Promise<Exit>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      done = true;
      live.delete(child);
      for (const l of listeners) l();
      resolve({ code, signal });
    });
  });
  exited.catch(() => {});
  const spawned: Spawned = {
    child,
    pid: child.pid ?? -1,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(pattern, { timeoutMs = 30_000, stream = 'stdout' } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = (stream === 'stdout' ? out : err).match(pattern);
          if (match) {
            finish();
            resolve(match);
          } else if (done) {
            finish();
            reject(
              new Error(
                `process exited before printing ${pattern} (code ${child.exitCode})\n--- stdout\n${out}\n--- stderr\n${err}`,
              ),
            );
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`no ${pattern} within ${timeoutMs} ms\n--- stdout\n${out}\n--- stderr\n${err}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (!done) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        try {
          return await exited;
        } finally {
          clearTimeout(timer);
        }
      }
      return exited;
    },
  };
  return spawned;
}

export interface Ran extends Exit {
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` to completion (killed after `timeoutMs`). */
export async function runNode(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; timeoutMs?: number } = {},
): Promise<Ran> {
  const p = spawnNode(args, options);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  try {
    const exit = await p.exited;
    return { ...exit, stdout: p.stdout(), stderr: p.stderr() };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the built CLI: `tremplins <args>`. */
export function runCli(args: string[], options: Parameters<typeof runNode>[1] = {}): Promise<Ran> {
  return runNode([CLI, ...args], options);
}

export function spawnCli(args: string[], options: Parameters<typeof spawnNode>[1] = {}): Spawned {
  return spawnNode([CLI, ...args], options);
}

/** Kills every process still running that this module started (SIGKILL: for clean-up after a failure). */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...live].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('close', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** Polls `GET <url>/health` until it answers `{status}` (default ok). */
export async function waitForHealth(
  url: string,
  { status = 'ok', timeoutMs = 30_000 }: { status?: 'ok' | 'starting'; timeoutMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/health`);
      const body = (await res.json()) as { status?: string };
      if (res.ok && body.status === status) return;
      last = JSON.stringify(body);
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url}/health did not say ${status} within ${timeoutMs} ms (last: ${last})`);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test-support') newest = Math.max(newest, newestMtime(path));
    } else if (!entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** True when dist/cli.js is missing or older than a source file of the build. */
export function distIsStale(): boolean {
  if (!existsSync(CLI)) return true;
  return newestMtime(join(API_DIR, 'src')) > statSync(CLI).mtimeMs;
}

/** `npm run build -w @tremplins/api` when dist is stale; throws with the compiler's output on failure. */
export async function buildIfStale(log: (line: string) => void = () => {}): Promise<boolean> {
  if (!distIsStale()) return false;
  log('building @tremplins/api (dist is missing or older than src)…');
  const result = await new Promise<Ran>((resolve, reject) => {
    const child = spawn('npm', ['run', 'build', '-w', '@tremplins/api'], {
      cwd: join(API_DIR, '..', '..'),
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  if (result.code !== 0) {
    throw new Error(
      `npm run build -w @tremplins/api failed (${result.code}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  return true;
}
