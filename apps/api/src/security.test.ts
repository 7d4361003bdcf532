import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './db/store.ts';
import { scanJson } from './http/input-safety.ts';
import { FailedAuthWindow, KeyVerifier } from './services/api-keys.ts';
import { adultFacts, person, startTestServer, type TestServer } from './test-support/server.ts';

/*
 * Input that cannot hurt (OWASP API4/API8): control characters, repeated keys, deep nesting and
 * far-away dates are refused with a 400 that names the field and quotes nothing sent; unknown keys
 * are limited per address before any query; batches are bounded by role.
 */

let server: TestServer;
let partner: string;

beforeAll(async () => {
  server = await startTestServer({ today: '2022-10-01' });
  partner = await server.createKey('partner');
});
afterAll(() => server?.close());

describe('control characters', () => {
  it('a NUL in a path id, a query or a body field is a 400 naming it, never a 500', async () => {
    const inPath = await server.call('GET', '/v1/beneficiaries/%00');
    expect(inPath.status).toBe(400);
    expect(inPath.body.errors).toEqual([{ path: 'param.id', message: expect.stringContaining('control') }]);
    const inQuery = await server.call('GET', '/v1/beneficiaries?cafNumber=12%0034');
    expect(inQuery.status).toBe(400);
    expect(inQuery.body.errors[0].path).toBe('query.cafNumber');
    const inBody = await server.call('POST', '/v1/apartments', {
      body: { label: 'Appt\u0000 1', commune: 'Oignies' },
    });
    expect(inBody.status).toBe(400);
    expect(inBody.body.errors[0].path).toBe('label');
    const inKey = await server.call('POST', '/v1/keys', { body: { role: 'partner', label: 'x\u0007' } });
    expect(inKey.status).toBe(400);
    const lone = await server.call('POST', '/v1/beneficiaries', {
      body: {
        associationId: 'rencontres-et-loisirs',
        person: { ...person('lone'), lastName: 'Du\uD800pont' },
        facts: adultFacts(),
      },
    });
    expect(lone.status).toBe(400);
    expect(lone.body.errors[0].path).toBe('person.lastName');
  });

  it('keeps tabs and line breaks, which addresses and rationales may hold', async () => {
    const res = await server.call('POST', '/v1/apartments', {
      body: { label: 'Appt\t2\nbis', commune: 'Oignies' },
    });
    expect(res.status).toBe(201);
  });
});

describe('JSON bodies', () => {
  it('refuses a key given twice, naming it, instead of keeping the last silently', async () => {
    const res = await server.call('POST', '/v1/eligibility', {
      body: '{"birthDate":"2004-03-14","commune":"Oignies","commune":"Arras","referenceDate":"2022-06-01"}',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'commune', message: 'appears twice in the same object' }]);
    expect(scanJson('{"a":{"b":1,"b":2}}').duplicate).toBe('a.b');
    expect(scanJson('[{"a":1},{"a":2}]').duplicate).toBeUndefined();
  });

  it('refuses a body nested deeper than any request needs', async () => {
    const deep = `${'['.repeat(1_000)}${']'.repeat(1_000)}`;
    const res = await server.call('POST', '/v1/eligibility', { body: `{"x":${deep}}` });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toContain('nest');
  });
});

describe('dates', () => {
  it('outside 1900–2100 are a 400 naming the field, on every route that takes one', async () => {
    const deadlines = await server.call('GET', '/v1/conventions/2022-417/deadlines?asOf=9999-12-31');
    expect(deadlines.status).toBe(400);
    expect(deadlines.body.errors[0]).toEqual({
      path: 'query.asOf',
      message: 'must be between 1900-01-01 and 2100-12-31',
    });
    const old = await server.call('POST', '/v1/eligibility', {
      body: { ...adultFacts(), birthDate: '0001-01-01', referenceDate: '2022-06-01' },
    });
    expect(old.status).toBe(400);
    expect(old.body.errors[0].path).toBe('birthDate');
    expect((await server.call('GET', '/v1/places?asOf=2100-12-31')).status).toBe(200);
  });
});

describe('what an error body says', () => {
  it('never quotes the commune, the id or the date sent', async () => {
    const marker = 'Zzqxville';
    const single = await server.call('POST', '/v1/eligibility', {
      body: { ...adultFacts(), commune: marker, referenceDate: '2022-06-01' },
    });
    expect(single.status).toBe(400);
    expect(single.body.errors[0].path).toBe('commune');
    const batch = await server.call('POST', '/v1/eligibility/batch', {
      body: { requests: [{ ...adultFacts(), commune: marker, referenceDate: '2022-06-01' }] },
    });
    expect(batch.status).toBe(200);
    expect(batch.body.results[0].error.errors[0].path).toBe('commune');
    const postal = await server.call('POST', '/v1/eligibility', {
      body: { ...adultFacts(), commune: '62590', referenceDate: '2022-06-01' },
    });
    // 62590 is an INSEE code (Monts-en-Ternois): answered, not refused. A postal code that is no
    // INSEE code is refused with the communes it covers, without quoting it.
    expect(postal.status).toBe(200);
    const notFound = await server.call('GET', `/v1/stays/${marker}`);
    expect(notFound.status).toBe(404);
    for (const res of [single, batch, notFound]) expect(JSON.stringify(res.body)).not.toContain(marker);
  });
});

describe('what the refusals and the audit trail write down', () => {
  it('neither an unknown route nor an unknown or repeated key quotes what was typed', async () => {
    const route = await server.call('GET', '/v1/beneficiaries/x/Jean%20Dupont%200612345678');
    expect(route.status).toBe(404);
    expect(JSON.stringify(route.body)).not.toMatch(/Dupont|0612345678/);
    const unknown = await server.call('POST', '/v1/eligibility', {
      body: { ...adultFacts(), referenceDate: '2022-06-01', 'Jean Dupont 0612345678': 1 },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: '(unknown field)', message: 'unknown field' }]);
    const repeated = await server.call('POST', '/v1/eligibility', {
      body: '{"Jean Dupont":1,"Jean Dupont":2}',
    });
    expect(repeated.body.errors[0].path).toBe('(unknown field)');
  });

  it('records a refused id only when it is one the API issues, not a name typed into a URL', async () => {
    const res = await server.call('GET', '/v1/beneficiaries/JEAN%20DUPONT%20CAF1234567', { key: partner });
    expect(res.status).toBe(403);
    const trail = await server.call('GET', '/v1/audit?limit=50');
    const text = JSON.stringify(trail.body);
    expect(text).not.toContain('DUPONT');
    expect(trail.body.events.find((e: { outcome: string }) => e.outcome === '403').resourceIds).toEqual([
      '(not an id)',
    ]);
  });
});

describe('batches', () => {
  it('are bounded by role: a partner key sends at most 1 000 requests', async () => {
    const request = { ...adultFacts(), referenceDate: '2022-06-01' };
    const res = await server.call('POST', '/v1/eligibility/batch', {
      key: partner,
      body: { requests: Array.from({ length: 1_001 }, () => request) },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'requests', message: "at most 1000 items for this key's role" },
    ]);
  });
});

describe('unknown keys', () => {
  it('an address that keeps failing gets 429 before its keys are looked up', async () => {
    const limited = await startTestServer({ failedAuthPerMinute: 5 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        statuses.push(
          (await limited.call('GET', '/v1/places', { key: `trk_${'a'.repeat(16)}_${'b'.repeat(43)}` }))
            .status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
      const refused = await limited.call('GET', '/v1/places');
      // Even a good key waits: the address is what is limited, the key is not even read.
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await limited.close();
    }
  });

  it('a malformed key costs no query, and an unknown one repeated costs one query per half second', async () => {
    let queries = 0;
    const rows: unknown[] = [];
    const chain = { from: () => chain, where: async () => rows };
    const store = {
      db: {
        select: () => {
          queries += 1;
          return chain;
        },
      },
    } as unknown as Store;
    const verifier = new KeyVerifier();
    expect(await verifier.verify(store, 'short')).toBeNull();
    expect(queries).toBe(0);
    const unknown = `trk_${'c'.repeat(16)}_${'d'.repeat(43)}`;
    for (let i = 0; i < 100; i++) expect(await verifier.verify(store, unknown)).toBeNull();
    expect(queries).toBe(1);
  });

  it('forgets the failures older than the window', () => {
    const window = new FailedAuthWindow(2, 60_000);
    window.record('127.0.0.1', 0);
    window.record('127.0.0.1', 1_000);
    expect(window.retryAfter('127.0.0.1', 2_000)).toBe(58);
    expect(window.retryAfter('127.0.0.1', 61_000)).toBe(0);
    expect(window.retryAfter('127.0.0.2', 2_000)).toBe(0);
  });
});

describe('/docs', () => {
  it('may not be framed by another site', async () => {
    const res = await fetch(`${server.url}/docs`);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    await res.body?.cancel();
  });
});
