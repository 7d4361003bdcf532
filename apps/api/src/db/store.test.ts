import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test-support/postgres.ts';
import { adultFacts, person, startTestServer, type TestServer } from '../test-support/server.ts';
import { places } from './schema.ts';
import { openStore, type StoreConfig } from './store.ts';

/**
 * The storage suite, run on the embedded database (PGlite in a data directory) and on the PostgreSQL
 * server: same migrations, same queries, same answers. Without a PostgreSQL server it fails, never skips.
 */
const TABLES = [
  'api_keys',
  'conventions',
  'apartments',
  'places',
  'beneficiaries',
  'applications',
  'stays',
  'audit_events',
  'settings',
];
const SEEDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];

interface Backend {
  name: string;
  config: StoreConfig;
  cleanup(): Promise<void>;
}

const backends: Record<string, () => Promise<Backend>> = {
  pglite: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tremplins-store-'));
    return {
      name: 'pglite',
      config: { kind: 'pglite', dataDir: join(dir, 'pgdata') },
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  },
  postgres: async () => {
    const db = await createTestDatabase();
    return { name: 'postgres', config: { kind: 'postgres', url: db.url }, cleanup: () => db.drop() };
  },
};

/** The same story on each backend; its answers are compared across backends. */
async function scenario(server: TestServer) {
  const ids: string[] = [];
  for (const [i, seed] of SEEDS.entries()) {
    const res = await server.call('POST', '/v1/beneficiaries', {
      body: {
        associationId: 'rencontres-et-loisirs',
        person: person(seed),
        facts: adultFacts({ birthDate: `${2002 + (i % 2)}-05-1${i}` }),
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids.push(res.body.id);
  }
  const stays = [];
  for (const [i, id] of ids.entries()) {
    const res = await server.call('POST', '/v1/stays', {
      body: { beneficiaryId: id, placeId: `2022-417-A0${i + 1}`, startOn: `2022-0${4 + i}-01` },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    stays.push(res.body);
  }
  await server.call('POST', `/v1/stays/${stays[0].id}/exit`, {
    body: { endOn: '2022-06-10', reason: 'housing_found' },
  });
  await server.call('POST', `/v1/stays/${stays[1].id}/renewal`);
  const application = await server.call('POST', '/v1/applications', {
    body: { beneficiaryId: ids[2], submittedOn: '2022-05-20' },
  });
  expect(application.status).toBe(201);
  const occupancy = (await server.call('GET', '/v1/conventions/2022-417/occupancy?asOf=2022-08-15')).body;
  const deadlines = (
    await server.call('GET', '/v1/conventions/2022-417/deadlines?asOf=2022-08-15&withinDays=60')
  ).body;
  const placeList = (await server.call('GET', '/v1/places?asOf=2022-08-15')).body;
  return {
    occupancy,
    deadlines: deadlines.deadlines.map((d: { kind: string; dueOn: string; placeId?: string }) => [
      d.kind,
      d.dueOn,
      d.placeId,
    ]),
    occupied: placeList.places
      .filter((p: { occupied: boolean }) => p.occupied)
      .map((p: { id: string }) => p.id),
    plannedEnds: stays.map((s) => s.plannedEndOn),
  };
}

const answers: Record<string, unknown> = {};

describe.each(Object.keys(backends))('storage on %s', (kind) => {
  let backend: Backend;
  let server: TestServer;

  beforeAll(async () => {
    backend = await (backends[kind] as () => Promise<Backend>)();
    server = await startTestServer({ store: backend.config });
  });
  afterAll(async () => {
    await server?.close();
    await backend?.cleanup();
  });

  it('migrates and seeds the 23 places of 2022-417 once, however often it is opened', async () => {
    await server.close();
    const again = await openStore(backend.config);
    try {
      const rows = await again.db.select().from(places);
      expect(rows).toHaveLength(23);
      const migrations = await again.rows<{ count: number }>(
        sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
      );
      expect(migrations[0]?.count).toBeGreaterThanOrEqual(1);
    } finally {
      await again.close();
    }
    server = await startTestServer({ store: backend.config, dataKey: server.dataKey, key: server.key });
  });

  it('runs the same story to the same answers', async () => {
    answers[kind] = await scenario(server);
    expect(answers[kind]).toMatchObject({
      occupied: ['2022-417-A02', '2022-417-A03', '2022-417-A04', '2022-417-A05'],
    });
    const others = Object.entries(answers).filter(([k]) => k !== kind);
    for (const [, other] of others) expect(answers[kind]).toEqual(other);
  });

  it('holds no personal data in clear in any table', async () => {
    await server.close();
    const store = await openStore(backend.config);
    try {
      let dump = '';
      for (const table of TABLES) {
        const rows = await store.rows<{ row: string }>(
          sql.raw(`select row_to_json(t)::text as row from ${table} t`),
        );
        dump += rows.map((r) => r.row).join('\n');
      }
      expect(dump.length).toBeGreaterThan(1_000);
      // Facts, the engine's advice, the birth-date certainty and the exit reason are sealed too.
      for (const [i] of SEEDS.entries()) expect(dump).not.toContain(`${2002 + (i % 2)}-05-1${i}`);
      for (const derived of ['verdict', 'aseStatus', 'former', 'housing_found', '"exact"']) {
        expect(dump).not.toContain(derived);
      }
      for (const seed of SEEDS) {
        const p = person(seed);
        for (const value of [
          p.lastName,
          p.firstName,
          p.postalAddress,
          p.cafNumber,
          '0612345678',
          '06 12 34 56 78',
        ]) {
          expect(dump).not.toContain(value);
        }
      }
    } finally {
      await store.close();
    }
    server = await startTestServer({ store: backend.config, dataKey: server.dataKey, key: server.key });
  });

  it('refuses to start with another data key than the one the data was written with', async () => {
    await server.close();
    await expect(startTestServer({ store: backend.config })).rejects.toThrow(
      /TREMPLINS_DATA_KEY does not open/,
    );
    server = await startTestServer({ store: backend.config, dataKey: server.dataKey, key: server.key });
    expect((await server.call('GET', '/v1/conventions')).status).toBe(200);
  });
});

describe('embedded database', () => {
  it('locks its data directory against a second process and releases it on close', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tremplins-lock-'));
    try {
      const config: StoreConfig = { kind: 'pglite', dataDir: join(dir, 'pgdata') };
      const first = await openStore(config);
      await expect(openStore(config)).rejects.toThrow(/in use by another Tremplins process/);
      await first.close();
      const second = await openStore(config);
      expect(await second.db.select().from(places)).toHaveLength(23);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps no name, phone or CAF number in clear in its files, and none in the server’s output', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tremplins-files-'));
    const dataKey = randomBytes(32).toString('base64');
    try {
      const server = await startTestServer({
        store: { kind: 'pglite', dataDir: join(dir, 'pgdata') },
        dataKey,
      });
      const seeds = Array.from({ length: 40 }, (_, i) => `file${i}`);
      for (const seed of seeds) {
        const res = await server.call('POST', '/v1/beneficiaries', {
          body: { associationId: 'rencontres-et-loisirs', person: person(seed), facts: adultFacts() },
        });
        expect(res.status).toBe(201);
        expect((await server.call('GET', `/v1/beneficiaries/${res.body.id}`)).status).toBe(200);
      }
      await server.call('GET', `/v1/beneficiaries?cafNumber=${person('file1').cafNumber}`);
      const logs = server.logs.join('\n');
      await server.close();
      const needles = seeds.flatMap((s) => [person(s).lastName, person(s).firstName, person(s).cafNumber]);
      const files = await listFiles(dir);
      expect(files.length).toBeGreaterThan(100);
      let scanned = 0;
      for (const file of files) {
        const bytes = await readFile(file);
        scanned += bytes.length;
        for (const needle of needles)
          expect(bytes.includes(Buffer.from(needle)), `${needle} in ${file}`).toBe(false);
      }
      expect(scanned).toBeGreaterThan(1_000_000);
      for (const needle of needles) expect(logs).not.toContain(needle);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('PostgreSQL server', () => {
  it('serialises two entries on one place: one succeeds, the other gets 409', async () => {
    const db = await createTestDatabase();
    const server = await startTestServer({ store: { kind: 'postgres', url: db.url } });
    try {
      const ids = [];
      for (const seed of ['race1', 'race2']) {
        const res = await server.call('POST', '/v1/beneficiaries', {
          body: { associationId: 'rencontres-et-loisirs', person: person(seed), facts: adultFacts() },
        });
        ids.push(res.body.id);
      }
      const results = await Promise.all(
        ids.map((beneficiaryId) =>
          server.call('POST', '/v1/stays', {
            body: { beneficiaryId, placeId: '2022-417-A09', startOn: '2022-06-01' },
          }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    } finally {
      await server.close();
      await db.drop();
    }
  });
});

describe('PostgreSQL server, erasure', () => {
  it('never leaves an erased young person in a stay or with an application when both arrive together', async () => {
    const db = await createTestDatabase();
    const server = await startTestServer({ store: { kind: 'postgres', url: db.url } });
    try {
      for (let round = 0; round < 8; round++) {
        const created = await server.call('POST', '/v1/beneficiaries', {
          body: {
            associationId: 'rencontres-et-loisirs',
            person: person(`erase-race-${round}`),
            facts: adultFacts(),
          },
        });
        const id = created.body.id as string;
        const [stay, application, erase] = await Promise.all([
          server.call('POST', '/v1/stays', {
            body: {
              beneficiaryId: id,
              placeId: `2022-417-A${String(10 + round).padStart(2, '0')}`,
              startOn: '2022-06-01',
            },
          }),
          server.call('POST', '/v1/applications', { body: { beneficiaryId: id, submittedOn: '2022-05-01' } }),
          server.call('DELETE', `/v1/beneficiaries/${id}`),
        ]);
        if (erase.status === 200) {
          // Erased: an entry is refused (it came first: 409 housed, so this cannot be) or finds nobody (404),
          // and an application recorded just before is gone with the rest.
          expect(stay.status, `round ${round}`).toBe(404);
          if (application.status === 201) {
            const read = await server.call('GET', `/v1/applications/${application.body.id}`);
            expect(read.status, `round ${round}`).toBe(404);
          } else {
            expect(application.status, `round ${round}`).toBe(404);
          }
        } else {
          expect(erase.status, `round ${round}`).toBe(409);
          expect(stay.status, `round ${round}`).toBe(201);
        }
      }
    } finally {
      await server.close();
      await db.drop();
    }
  });
});

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if ((await stat(path)).isFile()) out.push(path);
  }
  return out;
}
