import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale, cleanEnv, runCli, type Spawned, spawnCli, stopAll } from './test-support/spawn.ts';

/**
 * The built `tremplins` CLI (dist/cli.js, rebuilt first when older than src), driven as a user would:
 * real processes, real data directories, real signals. One embedded database is created (~5 s) and
 * reused across the steps below, which therefore run in order; the restore makes the second one.
 */

let root: string;
/** Data directory of the first server, created in local mode and reused by every later step. */
let dirA: string;
/** Data directory the backup of A is restored into. */
let dirB: string;

const APPLICANT = {
  birthDate: '2003-03-14',
  commune: 'Oignies',
  aseStatus: 'former',
  inInsertionPath: true,
  hasResources: true,
  referenceDate: '2022-06-01',
};

const PERSON = {
  lastName: 'Martin',
  firstName: 'Inès',
  postalAddress: '12 rue des Tilleuls, 62590 Oignies',
  phone: '06 12 34 56 78',
  cafNumber: '1234567A',
};

beforeAll(async () => {
  await buildIfStale();
  root = await mkdtemp(join(tmpdir(), 'tremplins-cli-test-'));
  dirA = join(root, 'a');
  dirB = join(root, 'b');
}, 120_000);

afterAll(async () => {
  await stopAll();
  if (root) await rm(root, { recursive: true, force: true });
});

function env(dataDir: string, extra: Record<string, string | undefined> = {}) {
  return cleanEnv({ TREMPLINS_DATA_DIR: dataDir, PORT: '0', ...extra });
}

/** Starts `serve` and waits until it prints its URL and says the database is ready. */
async function serve(dataDir: string, args: string[] = [], extra: Record<string, string> = {}) {
  const proc = spawnCli(['serve', ...args], { env: env(dataDir, extra) });
  const [, url] = await proc.waitFor(/listening on (http:\/\/\S+)/);
  await proc.waitFor(/database ready/, { timeoutMs: 60_000 });
  return { proc, url: url as string };
}

async function get(url: string, key?: string) {
  const res = await fetch(url, { headers: key ? { Authorization: `Bearer ${key}` } : {} });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: type.includes('json') ? await res.json() : await res.text() };
}

async function stopped(proc: Spawned) {
  const exit = await proc.stop('SIGTERM');
  expect(exit, proc.stderr()).toEqual({ code: 0, signal: null });
}

describe.concurrent('tremplins check', () => {
  it('answers a valid request on stdin with the result as JSON', async () => {
    const { code, stdout, stderr } = await runCli(['check'], {
      env: cleanEnv(),
      input: JSON.stringify(APPLICANT),
    });
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.verdict).toBe('eligible');
    expect(result.category).toBe('adult');
    expect(result.age).toBe(19);
    expect(result.checks.length).toBeGreaterThan(0);
  });

  it('refuses invalid facts with exit 2 and names the field', async () => {
    const { code, stdout, stderr } = await runCli(['check'], {
      env: cleanEnv(),
      input: JSON.stringify({ ...APPLICANT, birthDate: '2003-02-30', aseStatus: 'sometimes' }),
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/birthDate/);
    expect(stderr).toMatch(/aseStatus/);
  });

  it('refuses an unknown commune with exit 2 and names the field', async () => {
    const { code, stderr } = await runCli(['check'], {
      env: cleanEnv(),
      input: JSON.stringify({ ...APPLICANT, commune: 'Atlantide-sur-Mer' }),
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/commune/);
  });

  it('refuses stdin that is not JSON with exit 2', async () => {
    const { code, stdout, stderr } = await runCli(['check'], {
      env: cleanEnv(),
      input: 'birthDate=2003-03-14',
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/not valid JSON/);
  });
});

describe('tremplins serve without a data key', () => {
  it('exits non-zero, says how to make a key and creates nothing', async () => {
    const dir = join(root, 'never-created');
    const { code, stderr } = await runCli(['serve'], { env: env(dir) });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(stderr).toContain('TREMPLINS_DATA_KEY');
    expect(stderr).toContain('openssl rand -base64 32');
    expect(existsSync(dir)).toBe(false);
  });
});

describe('a data directory through its life', () => {
  /** The department key printed on first start. */
  let firstKey: string;
  let partnerKey: string;
  let localDataKey: string;
  let beneficiaryId: string;

  it('serve --local on a fresh directory prints the docs URL and a key once, and the key works', async () => {
    const { proc, url } = await serve(dirA, ['--local']);
    try {
      const [, key] = await proc.waitFor(/^\s+(trk_\S+)\s*$/m, { timeoutMs: 10_000 });
      firstKey = key as string;
      expect(proc.stdout()).toContain(`${url}/docs`);
      expect(proc.stderr()).toMatch(/local mode created a data key/);

      const keyFile = join(dirA, 'local-data-key');
      expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
      localDataKey = (await readFile(keyFile, 'utf8')).trim();
      expect(Buffer.from(localDataKey, 'base64')).toHaveLength(32);

      const occupancy = await get(`${url}/v1/conventions/2022-417/occupancy`, firstKey);
      expect(occupancy.status).toBe(200);
      expect(occupancy.body).toMatchObject({ conventionId: '2022-417', days: 0 });
      expect((await get(`${url}/v1/conventions/2022-417/occupancy`)).status).toBe(401);
      expect((await get(`${url}/v1/conventions/2022-417/occupancy`, `${firstKey}x`)).status).toBe(401);

      const docs = await get(`${url}/docs`);
      expect(docs.status).toBe(200);
      expect(docs.body).toContain('swagger-ui');

      // A second process on the same directory would corrupt it: refused while the first runs.
      const second = await runCli(['serve'], { env: env(dirA, { TREMPLINS_DATA_KEY: localDataKey }) });
      expect(second.code).not.toBe(0);
      expect(second.code).not.toBeNull();
      expect(second.stderr).toMatch(/in use/);
      // …and the first one still serves.
      expect((await get(`${url}/v1/conventions/2022-417/occupancy`, firstKey)).status).toBe(200);
    } finally {
      await stopped(proc);
    }
    expect(proc.stdout()).toContain('SIGTERM');
    expect(
      proc
        .stdout()
        .match(/trk_[A-Za-z0-9_-]+/g)
        ?.every((k) => k === firstKey),
    ).toBe(true);
  });

  it('SIGTERM released the lock: migrate succeeds', async () => {
    expect(firstKey).toBeDefined();
    const { code, stdout, stderr } = await runCli(['migrate'], { env: env(dirA) });
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/migrated/);
  });

  it('keys create makes a partner key; an association key needs --association', async () => {
    // The refusals come before the store is opened, so they run alongside the creation.
    const [created, refused, badRole] = await Promise.all([
      runCli(['keys', 'create', '--role', 'partner', '--label', 'test partner'], { env: env(dirA) }),
      runCli(['keys', 'create', '--role', 'association'], { env: env(dirA) }),
      runCli(['keys', 'create', '--role', 'admin'], { env: env(dirA) }),
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout.trim()).toMatch(/^trk_\S+$/);
    partnerKey = created.stdout.trim();

    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('--association');

    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role');
  });

  it('a restart prints no new key; both keys authenticate; a beneficiary is recorded', async () => {
    expect(partnerKey).toBeDefined();
    const { proc, url } = await serve(dirA, ['--local']);
    try {
      const occupancy = `${url}/v1/conventions/2022-417/occupancy`;
      expect((await get(occupancy, firstKey)).status).toBe(200);
      expect((await get(occupancy, partnerKey)).status).toBe(200);

      const res = await fetch(`${url}/v1/beneficiaries`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${firstKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          associationId: 'rencontres-et-loisirs',
          person: PERSON,
          facts: { birthDate: '2003-03-14', commune: 'Oignies', aseStatus: 'former', inInsertionPath: true },
        }),
      });
      const created = (await res.json()) as { id: string };
      expect(res.status, JSON.stringify(created)).toBe(201);
      beneficiaryId = created.id;
      // A partner never reaches personal data.
      expect((await get(`${url}/v1/beneficiaries/${beneficiaryId}`, partnerKey)).status).toBe(403);
    } finally {
      await stopped(proc);
    }
    expect(proc.stdout()).not.toMatch(/trk_/);
    expect(proc.stdout()).not.toMatch(/First start/);
    expect(proc.stderr()).not.toMatch(/created a data key/);
  });

  it('occupancy prints the report as JSON', async () => {
    const { code, stdout, stderr } = await runCli(
      ['occupancy', '--from', '2022-01-01', '--to', '2022-12-31', '--as-of', '2023-01-01'],
      { env: env(dirA) },
    );
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      conventionId: '2022-417',
      period: { start: '2022-01-01', end: '2022-12-31' },
      asOf: '2023-01-01',
      days: 0,
    });
    expect(report.capacityDays).toBeGreaterThan(0);
  });

  it('backup then restore into a fresh directory keeps the keys and the data', async () => {
    expect(beneficiaryId).toBeDefined();
    const archive = join(root, 'backups', 'a.tar.gz');
    const backup = await runCli(['backup', archive], { env: env(dirA) });
    expect(backup.code, backup.stderr).toBe(0);
    expect((await stat(archive)).size).toBeGreaterThan(0);
    // Personal data stays encrypted in the archive.
    const raw = await readFile(archive);
    const { gunzipSync } = await import('node:zlib');
    const tar = gunzipSync(raw).toString('latin1');
    expect(tar).not.toContain(PERSON.lastName);
    expect(tar).not.toContain(PERSON.cafNumber);

    const restore = await runCli(['restore', archive], { env: env(dirB) });
    expect(restore.code, restore.stderr).toBe(0);

    // Restoring over a database is refused.
    const again = await runCli(['restore', archive], { env: env(dirB) });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty/);

    // The data key is passed as in production; the restored directory has no local key file.
    expect(existsSync(join(dirB, 'local-data-key'))).toBe(false);
    const { proc, url } = await serve(dirB, [], { TREMPLINS_DATA_KEY: localDataKey });
    try {
      const read = await get(`${url}/v1/beneficiaries/${beneficiaryId}`, firstKey);
      expect(read.status, JSON.stringify(read.body)).toBe(200);
      expect(read.body).toMatchObject({ id: beneficiaryId, person: PERSON });
      expect((await get(`${url}/v1/conventions/2022-417/occupancy`, partnerKey)).status).toBe(200);
    } finally {
      await stopped(proc);
    }
  });

  it('the restored database refuses to start with another data key', async () => {
    const other = randomBytes(32).toString('base64');
    const { code, stderr } = await runCli(['serve'], { env: env(dirB, { TREMPLINS_DATA_KEY: other }) });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(stderr).toContain('TREMPLINS_DATA_KEY');
    // The refusal released the lock: the right key still opens it.
    const ok = await runCli(['migrate'], { env: env(dirB) });
    expect(ok.code, ok.stderr).toBe(0);
  });
});
