import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type StoreConfig } from './db/store.ts';
import { adultFacts, person, startTestServer, type TestServer } from './test-support/server.ts';

const PERSONAL_KEYS = [
  'person',
  'lastName',
  'firstName',
  'postalAddress',
  'phone',
  'cafNumber',
  'facts',
  'birthDate',
  'occupiedBy',
  'beneficiaryId',
];

function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

let dir: string;
let store: StoreConfig;
let server: TestServer;
let beneficiary: string;
let partner: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tremplins-privacy-'));
  store = { kind: 'pglite', dataDir: join(dir, 'pgdata') };
  server = await startTestServer({ store, today: '2022-07-01' });
  partner = await server.createKey('partner');
  const res = await server.call('POST', '/v1/beneficiaries', {
    body: { associationId: 'rencontres-et-loisirs', person: person('privacy'), facts: adultFacts() },
  });
  beneficiary = res.body.id;
  const stay = await server.call('POST', '/v1/stays', {
    body: { beneficiaryId: beneficiary, placeId: '2022-417-A08', startOn: '2022-06-01' },
  });
  // The partner views below must have an occupied place to hide.
  expect(stay.status).toBe(201);
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a partner key', () => {
  it.each([
    '/v1/conventions',
    '/v1/conventions/2022-417',
    '/v1/conventions/2022-417/funding',
    '/v1/conventions/2022-417/consistency',
    '/v1/conventions/2022-417/occupancy',
    '/v1/places?asOf=2022-07-01',
    '/v1/apartments',
  ])('never receives personal data from GET %s', async (path) => {
    const res = await server.call('GET', path, { key: partner });
    expect(res.status).toBe(200);
    const keys = keysOf(res.body);
    for (const k of PERSONAL_KEYS) expect(keys.has(k), k).toBe(false);
    expect(JSON.stringify(res.body)).not.toContain(beneficiary);
  });
});

describe('the audit trail', () => {
  it('has no column that could hold a value: who, what, which record, when', async () => {
    await server.close();
    const db = await openStore(store);
    try {
      const columns = await db.rows<{ column_name: string }>(
        sql`select column_name from information_schema.columns where table_name = 'audit_events' order by column_name`,
      );
      expect(columns.map((c) => c.column_name)).toEqual([
        'action',
        'at',
        'id',
        'key_id',
        'operation',
        'outcome',
        'resource',
        'resource_id',
      ]);
    } finally {
      await db.close();
    }
    server = await startTestServer({ store, dataKey: server.dataKey, key: server.key, today: '2022-07-01' });
  });

  it('answers which records a key read, by id', async () => {
    expect((await server.call('GET', `/v1/beneficiaries/${beneficiary}`)).status).toBe(200);
    await server.close();
    const db = await openStore(store);
    try {
      const rows = await db.rows<{ key_id: string; action: string; resource: string; resource_id: string }>(
        sql`select key_id, action, resource, resource_id from audit_events order by id`,
      );
      expect(rows).toContainEqual(
        expect.objectContaining({ action: 'read', resource: 'beneficiary', resource_id: beneficiary }),
      );
      expect(rows).toContainEqual(expect.objectContaining({ action: 'create', resource: 'stay' }));
    } finally {
      await db.close();
    }
    server = await startTestServer({ store, dataKey: server.dataKey, key: server.key });
  });
});
