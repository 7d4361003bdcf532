import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './test-support/postgres.ts';
import { adultFacts, person, startTestServer, type TestServer } from './test-support/server.ts';

/*
 * Someone who can write to the database but holds no data key (a leaked backup restored elsewhere,
 * a compromised replica) moves values around. The API must notice, refuse to answer with another
 * person's data, and leave a trace: `integrity_error`, a log line and an audit event, never a
 * generic 500 nor the wrong person.
 */

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;
let sql: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer({ store: { kind: 'postgres', url: db.url } });
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
});
afterAll(async () => {
  await sql?.end();
  await server?.close();
  await db?.drop();
});

async function register(seed: string): Promise<string> {
  const res = await server.call('POST', '/v1/beneficiaries', {
    body: { associationId: 'rencontres-et-loisirs', person: person(seed), facts: adultFacts() },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('tampered rows', () => {
  it('a sealed value moved to another row is refused as an integrity error, logged and audited', async () => {
    const victim = await register('tamper-victim');
    const target = await register('tamper-target');
    await sql.query(
      'update beneficiaries set last_name_enc = (select last_name_enc from beneficiaries where id = $1) where id = $2',
      [victim, target],
    );
    const res = await server.call('GET', `/v1/beneficiaries/${target}`);
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('integrity_error');
    expect(JSON.stringify(res.body)).not.toContain(person('tamper-victim').lastName);
    expect(server.logs.some((line) => line.includes(`integrity error on beneficiaries row ${target}`))).toBe(
      true,
    );
    const audit = await server.call('GET', `/v1/audit?resourceId=${target}&limit=1`);
    expect(audit.body.events[0]).toMatchObject({ action: 'integrity_error', outcome: '500' });
  });

  it('a CAF index copied onto another row does not make the search return that person', async () => {
    const searched = await register('tamper-caf-searched');
    const other = await register('tamper-caf-other');
    await sql.query(
      'update beneficiaries set caf_bidx = (select caf_bidx from beneficiaries where id = $1) where id = $2',
      [searched, other],
    );
    const res = await server.call('POST', '/v1/beneficiaries/search', {
      body: { cafNumber: person('tamper-caf-searched').cafNumber },
    });
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('integrity_error');
    expect(JSON.stringify(res.body)).not.toContain(person('tamper-caf-other').lastName);
  });
});
