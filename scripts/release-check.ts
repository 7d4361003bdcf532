/**
 * What `npm run release` would publish, checked without publishing (CI runs it after the tests):
 *   npm run release:check
 * 1. `changeset status`: every changeset names known packages and a valid bump;
 * 2. each public package: description, license and LICENSE, README, repository with its directory,
 *    `files`, engines, exports that exist once built, internal dependencies that resolve once
 *    published (a semver range the local version satisfies; never a private package or an app);
 * 3. `npm publish --dry-run` of each public package, with its tarball's size and file count.
 * Exits 1 with one line per problem.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  description?: string;
  license?: string;
  repository?: { type?: string; url?: string; directory?: string };
  files?: string[];
  engines?: { node?: string };
  exports?: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const root = join(import.meta.dirname, '..');
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest & {
  workspaces: string[];
};
const problems: string[] = [];
const fail = (where: string, what: string) => problems.push(`${where}: ${what}`);

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const workspaces = rootManifest.workspaces.flatMap((pattern) => {
  const base = pattern.replace(/\/\*$/, '');
  return readdirSync(join(root, base))
    .map((name) => join(root, base, name))
    .filter((dir) => existsSync(join(dir, 'package.json')));
});
const manifests = new Map(
  workspaces.map((dir) => [
    (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest).name,
    { dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest },
  ]),
);

console.log('changeset status');
try {
  run('npx', ['changeset', 'status']);
} catch (error) {
  const output = (error as { stderr?: string; stdout?: string }).stderr || (error as Error).message;
  fail('changeset status', output.trim().split('\n').slice(-3).join(' '));
}

if (!existsSync(join(root, 'LICENSE'))) fail('LICENSE', 'missing at the root');
const repositoryUrl = rootManifest.repository?.url;
if (!repositoryUrl) fail('package.json', 'the root has no repository.url for the packages to name');

for (const [name, { dir, manifest }] of manifests) {
  const where = relative(root, dir);
  if (manifest.private) {
    console.log(`${name} ${manifest.version}: private, not published`);
    continue;
  }
  if (where.startsWith('apps/') && name !== '@tremplins/api')
    fail(where, 'an app other than the API is public');
  if (!manifest.description) fail(where, 'no description');
  if (manifest.license !== rootManifest.license)
    fail(where, `license ${manifest.license} ≠ root ${rootManifest.license}`);
  if (!existsSync(join(dir, 'README.md'))) fail(where, 'no README.md');
  if (manifest.repository?.url !== repositoryUrl || manifest.repository?.directory !== where)
    fail(where, `repository must be { url: ${repositoryUrl}, directory: ${where} }`);
  if (!manifest.files?.includes('dist')) fail(where, '`files` does not list dist');
  if (!manifest.engines?.node) fail(where, 'no engines.node');
  for (const [entry, target] of Object.entries(manifest.exports ?? {})) {
    const paths = typeof target === 'string' ? [target] : Object.values(target);
    for (const path of paths)
      if (!path.includes('*') && !existsSync(join(dir, path)))
        fail(where, `export ${entry} → ${path} does not exist (run npm run build first)`);
  }
  for (const [dep, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })) {
    const local = manifests.get(dep);
    if (!local) continue;
    if (local.manifest.private) fail(where, `depends on the private ${dep}`);
    if (relative(root, local.dir).startsWith('apps/')) fail(where, `depends on the app ${dep}`);
    if (!/^\^\d+\.\d+\.\d+$/.test(range)) fail(where, `${dep}@${range}: use a caret range of its version`);
    else if (
      range !== `^${local.manifest.version}` &&
      !satisfiesCaret(local.manifest.version, range.slice(1))
    )
      fail(where, `${dep}@${range} does not include the local ${local.manifest.version}`);
  }

  try {
    const output = run('npm', ['publish', '--dry-run', '--json', '--workspace', name]);
    const report = JSON.parse(output.slice(output.indexOf('{'))) as Record<
      string,
      { size: number; unpackedSize: number; files: { path: string }[] }
    >;
    const packed = report[name] ?? Object.values(report)[0];
    if (!packed) throw new Error('no report');
    const files = packed.files.map((file) => file.path);
    for (const needed of ['LICENSE', 'README.md', 'package.json'])
      if (!files.includes(needed)) fail(where, `the tarball has no ${needed}`);
    if (files.some((file) => file.endsWith('.test.js') || file.startsWith('src/')))
      fail(where, 'the tarball holds tests or sources');
    console.log(
      `${name} ${manifest.version}: ${files.length} files, ${(packed.size / 1024).toFixed(0)} kB packed, ${(packed.unpackedSize / 1024).toFixed(0)} kB unpacked`,
    );
  } catch (error) {
    const output = (error as { stderr?: string }).stderr || (error as Error).message;
    fail(where, `npm publish --dry-run failed: ${output.trim().split('\n').slice(-3).join(' ')}`);
  }
}

/** `version` is in `^base` (0.x: same minor; otherwise same major). */
function satisfiesCaret(version: string, base: string): boolean {
  const [v, b] = [version, base].map((s) => s.split('.').map(Number)) as [number[], number[]];
  const same = (b[0] ?? 0) > 0 ? v[0] === b[0] : v[0] === 0 && v[1] === b[1];
  const notBelow = v[0]! > b[0]! || (v[0] === b[0] && (v[1]! > b[1]! || (v[1] === b[1] && v[2]! >= b[2]!)));
  return same && notBelow;
}

if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('\nready to release: npm run version-packages, commit, then npm run release');
