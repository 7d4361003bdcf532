// The package as a consumer installs it: `npm pack` of domain, rules and client, installed into an empty
// project with no network, must bring no part of the server and must load and work.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { operations } from './operations/index.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const PACKED = ['domain', 'rules', 'client'] as const;
/** What only the server needs: none of it may come with the client. */
const SERVER_ONLY = [
  '@tremplins/api',
  '@electric-sql/pglite',
  'drizzle-orm',
  'swagger-ui-dist',
  'hono',
  '@hono/zod-openapi',
  '@hono/node-server',
  'pg',
  'proper-lockfile',
];

interface LockEntry {
  version?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

const work = mkdtempSync(join(tmpdir(), 'tremplins-client-consumer-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** npm on the Node that runs this test when npm started it, else the `npm` on PATH. */
function npm(args: string[], cwd: string): string {
  const execPath = process.env.npm_execpath;
  const [command, prefix] =
    execPath?.endsWith('.js') || execPath?.endsWith('.cjs') ? [process.execPath, [execPath]] : ['npm', []];
  // The npm running this test exports its own settings (workspace, local prefix): none must leak in.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !/^npm_(config|package|lifecycle)_/i.test(name) ||
        /^npm_config_(cache|userconfig|globalconfig)$/i.test(name),
    ),
  );
  const result = spawnSync(command, [...prefix, ...args], { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`npm ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/**
 * A lockfile for the consumer project holding the third-party packages the three tarballs need, at the
 * versions the workspace resolved (name, version, integrity: no registry metadata needed, so the
 * install runs from npm's cache alone).
 */
function consumerLock(tarballs: Record<string, string>): object {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const packages: Record<string, LockEntry> = {};
  const rootDeps: Record<string, string> = {};
  /** [the lock path that needs them, the names it needs, the names it can do without] */
  const queue: [string, string[], Set<string>][] = [];
  for (const [name, file] of Object.entries(tarballs)) {
    const manifest = JSON.parse(
      readFileSync(join(ROOT, 'packages', name.split('/')[1] as string, 'package.json'), 'utf8'),
    );
    rootDeps[name] = `file:${file}`;
    packages[`node_modules/${name}`] = {
      version: manifest.version,
      resolved: `file:${file}`,
      license: manifest.license,
      dependencies: manifest.dependencies,
    };
    queue.push([`node_modules/${name}`, Object.keys(manifest.dependencies ?? {}), new Set()]);
  }
  while (queue.length > 0) {
    const [from, deps, optional] = queue.shift() as [string, string[], Set<string>];
    for (const dep of deps) {
      if (dep in tarballs) continue;
      // Node's resolution: the nearest node_modules/<dep> from `from` up to the root.
      let path: string | undefined;
      for (let at = from; ; at = at.slice(0, at.lastIndexOf('/node_modules/'))) {
        if (lock.packages[`${at}/node_modules/${dep}`]) path = `${at}/node_modules/${dep}`;
        if (path || !at.includes('/node_modules/')) break;
      }
      path ??= lock.packages[`node_modules/${dep}`] ? `node_modules/${dep}` : undefined;
      if (!path && optional.has(dep)) continue;
      if (!path) throw new Error(`${dep} (needed by ${from}) is not in the workspace's package-lock.json`);
      if (packages[path]) continue;
      const entry = lock.packages[path] as LockEntry;
      packages[path] = entry;
      const optionalPeers = Object.entries(entry.peerDependenciesMeta ?? {}).filter(
        ([, meta]) => meta.optional,
      );
      queue.push([
        path,
        Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies }),
        new Set([...Object.keys(entry.optionalDependencies ?? {}), ...optionalPeers.map(([name]) => name)]),
      ]);
    }
  }
  return {
    name: 'consumer',
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: 'consumer', dependencies: rootDeps }, ...packages },
  };
}

/** Every installed package (a directory with a package.json), nested ones included. */
function installedPackages(nodeModules: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith('.')) continue;
      const names = entry.startsWith('@')
        ? readdirSync(join(dir, entry)).map((n) => `${entry}/${n}`)
        : [entry];
      for (const name of names) {
        if (!existsSync(join(dir, name, 'package.json'))) continue;
        found.push(name);
        visit(join(dir, name, 'node_modules'));
      }
    }
  };
  visit(nodeModules);
  return found;
}

describe('@tremplins/client as installed from its tarball', () => {
  it('installs offline without any server package, loads, and reports its size', { timeout: 120_000 }, () => {
    const tarballs: Record<string, string> = {};
    for (const name of PACKED) {
      const dir = join(ROOT, 'packages', name);
      // CI's test task runs after build; a bare `vitest run` on a fresh checkout builds what is missing.
      if (!existsSync(join(dir, 'dist', 'index.js'))) npm(['run', 'build'], dir);
      const [packed] = JSON.parse(
        npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], dir),
      );
      tarballs[`@tremplins/${name}`] = join(work, packed.filename);
    }

    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: {} }),
    );
    writeFileSync(join(app, 'package-lock.json'), JSON.stringify(consumerLock(tarballs), null, 2));
    npm(
      ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', ...Object.values(tarballs)],
      app,
    );

    const nodeModules = join(app, 'node_modules');
    const installed = installedPackages(nodeModules);
    expect(installed).toEqual(
      expect.arrayContaining(['@tremplins/client', '@tremplins/domain', '@tremplins/rules', 'zod']),
    );
    expect(installed.filter((name) => SERVER_ONLY.includes(name))).toEqual([]);

    const script = `
      const m = await import('@tremplins/client');
      const s = await import('@tremplins/client/schemas');
      const client = m.createClient({ baseUrl: 'http://127.0.0.1:1', apiKey: 'k', timeoutMs: 1000 });
      const failure = await client.getHealth().catch((e) => e);
      console.log(JSON.stringify({
        createClient: typeof m.createClient,
        methods: Object.keys(client).length,
        operations: Object.keys(m.operations).length,
        listPlaces: typeof client.listPlaces,
        failure: failure instanceof m.ApiUnavailableError,
        problem: s.ProblemSchema.safeParse({ type: 't', title: 'T', status: 404, detail: 'd', code: 'not_found' }).success,
      }));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      createClient: 'function',
      // The installed tarball carries every operation of the contract in this tree.
      methods: Object.keys(operations).length,
      operations: Object.keys(operations).length,
      listPlaces: 'function',
      failure: true,
      problem: true,
    });

    const du = spawnSync('du', ['-sk', nodeModules], { encoding: 'utf8' });
    const kib = Number(du.stdout.split(/\s/)[0]);
    const mib = Math.round((kib / 1024) * 10) / 10;
    console.log(
      `@tremplins/client installed: ${mib} MiB on disk (du -sk node_modules: ${kib} KiB), ${installed.length} packages: ${installed.sort().join(', ')}`,
    );
    expect(kib).toBeGreaterThan(0);
  });
});
