import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultFacts, person, startTestServer, type TestServer } from './test-support/server.ts';

let server: TestServer;
let partner: string;
let association: string;

beforeAll(async () => {
  server = await startTestServer({ personalDataRatePerMinute: 40 });
  partner = await server.createKey('partner');
  association = await server.createKey('association', 'rencontres-et-loisirs');
});
afterAll(() => server?.close());

// biome-ignore lint/suspicious/noExplicitAny: tests read JSON answers by shape, as a partner would
function expectProblem(res: { status: number; headers: Headers; body: any }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    status,
    code,
    type: expect.stringContaining(code),
    title: expect.any(String),
  });
  expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at |node_modules|SELECT/i);
}

describe('health', () => {
  it('answers without a key', async () => {
    const res = await server.call('GET', '/health', { key: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', version: expect.any(String) });
  });
});

describe('authentication', () => {
  it.each([
    ['no key', null],
    ['an unknown key', `trk_${'0'.repeat(16)}_${'A'.repeat(43)}`],
    ['a free-form wrong key', 'definitely-not-a-key-of-this-service-0000'],
  ])('refuses %s with 401 and a WWW-Authenticate challenge', async (_, key) => {
    const res = await server.call('GET', '/v1/conventions', { key });
    expectProblem(res, 401, 'unauthenticated');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('refuses a key with one character changed', async () => {
    const flipped = partner.slice(0, -1) + (partner.endsWith('A') ? 'B' : 'A');
    expectProblem(await server.call('GET', '/v1/conventions', { key: flipped }), 401, 'unauthenticated');
  });

  it('refuses a revoked key, and only department keys manage keys', async () => {
    const created = await server.call('POST', '/v1/keys', { body: { role: 'partner', label: 'to revoke' } });
    expect(created.status).toBe(201);
    expect((await server.call('GET', '/v1/conventions', { key: created.body.key })).status).toBe(200);
    expectProblem(
      await server.call('DELETE', `/v1/keys/${created.body.id}`, { key: association }),
      403,
      'forbidden',
    );
    expect((await server.call('DELETE', `/v1/keys/${created.body.id}`)).status).toBe(200);
    expectProblem(
      await server.call('GET', '/v1/conventions', { key: created.body.key }),
      401,
      'unauthenticated',
    );
    expectProblem(await server.call('DELETE', `/v1/keys/${created.body.id}`), 404, 'not_found');
  });

  it('names the field when an association key is asked for without its association', async () => {
    const res = await server.call('POST', '/v1/keys', { body: { role: 'association', label: 'x' } });
    expectProblem(res, 400, 'invalid_request');
    expect(res.body.errors).toContainEqual({ path: 'associationId', message: expect.any(String) });
  });
});

describe('roles', () => {
  const personalRoutes: [string, string, unknown?][] = [
    ['POST', '/v1/beneficiaries', { associationId: 'x', person: person('a'), facts: adultFacts() }],
    ['GET', '/v1/beneficiaries?cafNumber=1234567'],
    ['GET', '/v1/beneficiaries/any-id'],
    ['POST', '/v1/applications', { beneficiaryId: 'any' }],
    ['GET', '/v1/applications/any-id'],
    [
      'POST',
      '/v1/applications/any-id/decision',
      { decision: 'admitted', decidedBy: 'X', rationale: 'long enough text' },
    ],
    ['POST', '/v1/stays', { beneficiaryId: 'a', placeId: '2022-417-A01', startOn: '2022-06-01' }],
    ['GET', '/v1/stays/any-id'],
    ['POST', '/v1/stays/any-id/renewal'],
    ['POST', '/v1/stays/any-id/exit', { endOn: '2022-06-01', reason: 'other' }],
    ['GET', '/v1/conventions/2022-417/deadlines'],
    ['POST', '/v1/conventions/2022-417/termination', { noticeReceivedOn: '2022-06-01' }],
    ['POST', '/v1/apartments', { label: 'T3', commune: 'Oignies' }],
    ['PUT', '/v1/apartments/any/places', { placeIds: ['2022-417-A01'] }],
    ['POST', '/v1/keys', { role: 'partner', label: 'x' }],
  ];

  it.each(personalRoutes)('a partner key gets 403 on %s %s', async (method, path, body) => {
    expectProblem(await server.call(method, path, { key: partner, body }), 403, 'forbidden');
  });

  it.each([
    ['POST', '/v1/eligibility', { ...adultFacts(), referenceDate: '2022-06-01' }],
    ['GET', '/v1/conventions'],
    ['GET', '/v1/conventions/2022-417'],
    ['GET', '/v1/conventions/2022-417/funding'],
    ['GET', '/v1/conventions/2022-417/consistency'],
    ['GET', '/v1/conventions/2022-417/occupancy'],
    ['GET', '/v1/places?asOf=2022-06-01'],
    ['GET', '/v1/apartments'],
  ] as [string, string, unknown?][])('a partner key reads %s %s', async (method, path, body) => {
    expect((await server.call(method, path, { key: partner, body })).status).toBe(200);
  });
});

describe('refusals are problem+json and change nothing', () => {
  it('400 for malformed JSON', async () => {
    expectProblem(
      await server.call('POST', '/v1/eligibility', { body: '{"birthDate":' }),
      400,
      'malformed_json',
    );
  });

  it('400 naming every failing field, nested ones with their path, unknown ones too', async () => {
    const res = await server.call('POST', '/v1/beneficiaries', {
      body: {
        associationId: 'rencontres-et-loisirs',
        person: { ...person('b'), phone: 'call me' },
        facts: adultFacts({ birthDate: '2003-02-30', nationality: 'FR' }),
      },
    });
    expectProblem(res, 400, 'invalid_request');
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['person.phone', 'facts.birthDate', 'facts.nationality']));
    // The refused values are not echoed back.
    expect(JSON.stringify(res.body)).not.toContain('call me');
    const found = await server.call('GET', `/v1/beneficiaries?cafNumber=${person('b').cafNumber}`);
    expect(found.body.beneficiaries).toEqual([]);
  });

  it('400 naming a query parameter', async () => {
    const res = await server.call('GET', '/v1/places?asOf=2022-13-01');
    expectProblem(res, 400, 'invalid_request');
    expect(res.body.errors[0].path).toBe('query.asOf');
  });

  it('415 for a body that is not JSON', async () => {
    const res = await server.call('POST', '/v1/eligibility', {
      body: 'birthDate=2003-03-14',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(res, 415, 'unsupported_media_type');
  });

  it('413 for a large body, declared or chunked', async () => {
    const big = JSON.stringify({ ...adultFacts(), commune: 'x'.repeat(100_000) });
    expectProblem(await server.call('POST', '/v1/eligibility', { body: big }), 413, 'payload_too_large');
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL('/v1/eligibility', server.url);
      const req = httpRequest(
        url,
        {
          method: 'POST',
          agent: false,
          headers: {
            authorization: `Bearer ${server.key}`,
            'content-type': 'application/json',
            'transfer-encoding': 'chunked',
          },
        },
        (res) => {
          let body = '';
          res.on('data', (d) => {
            body += d;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write(big.slice(i * 10_000, (i + 1) * 10_000));
      req.end(big.slice(100_000));
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).code).toBe('payload_too_large');
  });

  it('a small chunked body is read normally', async () => {
    const body = JSON.stringify({ ...adultFacts(), referenceDate: '2022-06-01' });
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        new URL('/v1/eligibility', server.url),
        {
          method: 'POST',
          agent: false,
          headers: {
            authorization: `Bearer ${server.key}`,
            'content-type': 'application/json',
            'transfer-encoding': 'chunked',
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 20));
      req.end(body.slice(20));
    });
    expect(status).toBe(200);
  });

  it('404 for an unknown route and an unknown convention', async () => {
    expectProblem(await server.call('GET', '/v1/nothing-here'), 404, 'not_found');
    expectProblem(await server.call('GET', '/v1/conventions/1999-001'), 404, 'not_found');
  });

  it('429 with Retry-After once a key exceeds its pace on personal data; other keys go on', async () => {
    // A fresh key, so that no earlier request of this file counts towards its pace.
    const paced = await server.createKey('association', 'rencontres-et-loisirs');
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<TestServer['call']>> | undefined;
    for (let i = 0; i < 60 && !limited; i++) {
      const res = await server.call('GET', '/v1/beneficiaries?cafNumber=5555555', { key: paced });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(limited).toBeDefined();
    expectProblem(limited as NonNullable<typeof limited>, 429, 'rate_limited');
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
    // The pace is 40 a minute: exactly 40 pass, each request counted once.
    expect(statuses.filter((s) => s === 200).length).toBe(40);
    expect((await server.call('GET', '/v1/beneficiaries?cafNumber=5555555')).status).toBe(200);
    // Eligibility is not personal data and is not held back.
    const res = await server.call('POST', '/v1/eligibility', {
      key: paced,
      body: { ...adultFacts(), referenceDate: '2022-06-01' },
    });
    expect(res.status).toBe(200);
  });

  it('sets no-store and nosniff on API answers', async () => {
    const res = await server.call('GET', '/v1/conventions');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
