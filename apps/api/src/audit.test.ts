import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultFacts, person, startTestServer, type TestServer } from './test-support/server.ts';

/*
 * The audit trail a breach notice is written from (GDPR art. 33; convention art. 13: the Département
 * is told within 24 h): every read and change of personal data, stays included, and every refusal,
 * with ids only; `GET /v1/audit` answers "which records did key K read between T1 and T2" and "who
 * read record R".
 */

let server: TestServer;
let association: string;
let other: string;
let partner: string;

interface Event {
  id: number;
  at: string;
  keyId: string | null;
  operation: string | null;
  action: string;
  resourceIds: string[];
  outcome: string;
}

async function trail(query: string): Promise<Event[]> {
  const res = await server.call('GET', `/v1/audit?${query}`);
  expect(res.status).toBe(200);
  return res.body.events;
}

const keyIdOf = (key: string) => /^trk_([a-z0-9]{16})_/.exec(key)?.[1] as string;

beforeAll(async () => {
  server = await startTestServer({ today: '2022-10-01' });
  association = await server.createKey('association', 'rencontres-et-loisirs');
  other = await server.createKey('association', 'accueil-et-relais');
  partner = await server.createKey('partner');
});
afterAll(() => server?.close());

describe('the audit trail', () => {
  it('records reads of stays, and the refusals: no key, a role that may not, another association’s id', async () => {
    const beneficiary = await server.call('POST', '/v1/beneficiaries', {
      key: association,
      body: { person: person('audited'), facts: adultFacts() },
    });
    const stay = await server.call('POST', '/v1/stays', {
      key: association,
      body: { beneficiaryId: beneficiary.body.id, placeId: '2022-417-A03', startOn: '2022-05-01' },
    });
    expect(stay.status).toBe(201);
    for (let i = 0; i < 3; i++) await server.call('GET', `/v1/stays/${stay.body.id}`, { key: association });
    expect((await server.call('GET', `/v1/stays/${stay.body.id}`, { key: other })).status).toBe(404);
    expect((await server.call('GET', `/v1/stays/${stay.body.id}`, { key: partner })).status).toBe(403);
    const unknownKey = `trk_${'0'.repeat(16)}_${'x'.repeat(43)}`;
    expect((await server.call('GET', `/v1/stays/${stay.body.id}`, { key: unknownKey })).status).toBe(401);

    const aboutStay = await trail(`resourceId=${stay.body.id}`);
    const summary = aboutStay.map(
      (e) =>
        `${e.keyId === keyIdOf(association) ? 'A' : e.keyId === keyIdOf(other) ? 'B' : e.keyId === keyIdOf(partner) ? 'P' : e.keyId} ${e.operation} ${e.action} ${e.outcome}`,
    );
    expect(summary).toEqual([
      'P getStay refused 403',
      'B getStay refused 404',
      'A getStay read ok',
      'A getStay read ok',
      'A getStay read ok',
      'A createStay create ok',
    ]);
    const unauthenticated = await trail(`keyId=${'0'.repeat(16)}`);
    expect(unauthenticated[0]).toMatchObject({ action: 'refused', outcome: '401', operation: 'getStay' });
  });

  it('has no event for a change that was refused, and one refusal instead', async () => {
    const first = await server.call('POST', '/v1/beneficiaries', {
      key: association,
      body: { person: person('taken-1'), facts: adultFacts() },
    });
    const second = await server.call('POST', '/v1/beneficiaries', {
      key: association,
      body: { person: person('taken-2'), facts: adultFacts() },
    });
    await server.call('POST', '/v1/stays', {
      key: association,
      body: { beneficiaryId: first.body.id, placeId: '2022-417-A04', startOn: '2022-05-01' },
    });
    const taken = await server.call('POST', '/v1/stays', {
      key: association,
      body: { beneficiaryId: second.body.id, placeId: '2022-417-A04', startOn: '2022-05-02' },
    });
    expect(taken.status).toBe(409);
    const mine = await trail(`keyId=${keyIdOf(association)}&limit=3`);
    expect(mine.map((e) => `${e.operation} ${e.outcome}`)).toEqual([
      'createStay 409',
      'createStay ok',
      'createBeneficiary ok',
    ]);
  });

  it('answers which records a key read in a window, page by page, for the department only', async () => {
    const reader = await server.createKey('association', 'rencontres-et-loisirs');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await server.call('POST', '/v1/beneficiaries', {
        key: reader,
        body: { person: person(`window-${i}`), facts: adultFacts() },
      });
      ids.push(created.body.id);
      await server.call('GET', `/v1/beneficiaries/${created.body.id}`, { key: reader });
    }
    const from = new Date(Date.now() - 60_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const page1 = await server.call(
      'GET',
      `/v1/audit?keyId=${keyIdOf(reader)}&from=${from}&to=${to}&limit=4`,
    );
    expect(page1.body.events).toHaveLength(4);
    const page2 = await server.call(
      'GET',
      `/v1/audit?keyId=${keyIdOf(reader)}&limit=4&before=${page1.body.next}`,
    );
    expect(page2.body.events).toHaveLength(2);
    expect(page2.body.next).toBeNull();
    const all = [...page1.body.events, ...page2.body.events] as Event[];
    const read = all.filter((e) => e.action === 'read').flatMap((e) => e.resourceIds);
    expect(read.sort()).toEqual([...ids].sort());
    const past = await server.call('GET', `/v1/audit?keyId=${keyIdOf(reader)}&to=2000-01-01T00:00:00Z`);
    expect(past.body.events).toEqual([]);
    expect((await server.call('GET', '/v1/audit', { key: reader })).status).toBe(403);
    const bad = await server.call('GET', '/v1/audit?from=hier');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('query.from');
  });

  it('keeps no personal data: ids, actions and outcomes only', async () => {
    const events = await trail('limit=500');
    const text = JSON.stringify(events);
    for (const seed of ['audited', 'taken-1', 'window-0']) {
      const p = person(seed);
      for (const value of [p.lastName, p.firstName, p.cafNumber, p.phone]) expect(text).not.toContain(value);
    }
  });
});
