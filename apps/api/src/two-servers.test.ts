import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './test-support/postgres.ts';
import { adultFacts, person, startTestServer, type TestServer } from './test-support/server.ts';

/*
 * Two servers on one PostgreSQL database, as a Département running two instances behind a load
 * balancer would: a key revoked through one is refused by the other within a second (key rows are
 * re-read every half second, never cached longer), and a record written through one is seen by the other.
 */

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let first: TestServer;
let second: TestServer;

beforeAll(async () => {
  db = await createTestDatabase();
  first = await startTestServer({ store: { kind: 'postgres', url: db.url } });
  second = await startTestServer({
    store: { kind: 'postgres', url: db.url },
    key: first.key,
    dataKey: first.dataKey,
  });
});
afterAll(async () => {
  await first?.close();
  await second?.close();
  await db?.drop();
});

describe('two servers on one database', () => {
  it('a key revoked on one server is refused by the other within a second', async () => {
    const key = await first.createKey('association', 'rencontres-et-loisirs');
    expect((await second.call('GET', '/v1/places', { key })).status).toBe(200);
    const id = /^trk_([a-z0-9]{16})_/.exec(key)?.[1] as string;
    expect((await first.call('DELETE', `/v1/keys/${id}`)).status).toBe(200);
    const revokedAt = Date.now();
    let refusedAfter: number | undefined;
    while (Date.now() - revokedAt < 3_000) {
      if ((await second.call('GET', '/v1/places', { key })).status === 401) {
        refusedAfter = Date.now() - revokedAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    console.log(`two servers: revocation effective on the other server after ${refusedAfter} ms`);
    expect(refusedAfter).toBeDefined();
    expect(refusedAfter as number).toBeLessThanOrEqual(1_000);
  });

  it('a young person recorded through one is read, and refused twice, through the other', async () => {
    const created = await first.call('POST', '/v1/beneficiaries', {
      body: { associationId: 'rencontres-et-loisirs', person: person('two-servers'), facts: adultFacts() },
    });
    expect(created.status).toBe(201);
    expect((await second.call('GET', `/v1/beneficiaries/${created.body.id}`)).status).toBe(200);
    const again = await second.call('POST', '/v1/beneficiaries', {
      body: { associationId: 'rencontres-et-loisirs', person: person('two-servers'), facts: adultFacts() },
    });
    expect(again.status).toBe(409);
    expect(again.body.existingId).toBe(created.body.id);
  });

  it('one Idempotency-Key sent to both servers at once creates one record', async () => {
    const send = (server: TestServer) =>
      fetch(`${server.url}/v1/apartments`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${server.key}`,
          'content-type': 'application/json',
          'idempotency-key': 'two-servers-1',
        },
        body: JSON.stringify({ label: 'Appartement deux serveurs', commune: 'Oignies' }),
      });
    const answers = await Promise.all([send(first), send(second), send(first), send(second)]);
    await Promise.all(answers.map((a) => a.body?.cancel()));
    expect(answers.map((a) => a.status)).toContain(201);
    const list = await first.call('GET', '/v1/apartments');
    expect(
      list.body.apartments.filter((a: { label: string }) => a.label === 'Appartement deux serveurs'),
    ).toHaveLength(1);
  });
});
