import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultFacts, person, startTestServer, type TestServer } from '../test-support/server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ today: '2022-10-01' });
});
afterAll(() => server?.close());

async function apartmentsNamed(label: string): Promise<number> {
  const res = await server.call('GET', '/v1/apartments');
  return res.body.apartments.filter((a: { label: string }) => a.label === label).length;
}

function post(path: string, body: unknown, key: string, signal?: AbortSignal) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.key}`,
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

describe('Idempotency-Key', () => {
  it('5 abandoned requests and 1 retry with one key create one record, and the retry gets its answer', async () => {
    const body = { label: 'Appartement abandonné', commune: 'Oignies' };
    for (let i = 0; i < 5; i++) {
      const controller = new AbortController();
      const sent = post('/v1/apartments', body, 'retry-1', controller.signal).catch(() => undefined);
      controller.abort();
      await sent;
    }
    let res: Response | undefined;
    for (let attempt = 0; attempt < 50; attempt++) {
      res = await post('/v1/apartments', body, 'retry-1');
      if (res.status !== 409) break;
      await res.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(res?.status).toBe(201);
    expect(await apartmentsNamed('Appartement abandonné')).toBe(1);
    const again = await post('/v1/apartments', body, 'retry-1');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const firstAnswer = (await (res as Response).json()) as { id: string };
    expect(((await again.json()) as { id: string }).id).toBe(firstAnswer.id);
  });

  it('20 identical requests at once create one record', async () => {
    const body = { label: 'Appartement concurrent', commune: 'Oignies' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post('/v1/apartments', body, 'burst-1')),
    );
    const statuses = answers.map((a) => a.status);
    await Promise.all(answers.map((a) => a.body?.cancel()));
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses).toContain(201);
    expect(await apartmentsNamed('Appartement concurrent')).toBe(1);
  });

  it('the same key with another request is a 409, and changes nothing', async () => {
    expect(
      (await post('/v1/apartments', { label: 'Appartement X', commune: 'Oignies' }, 'reused')).status,
    ).toBe(201);
    const other = await post('/v1/apartments', { label: 'Appartement Y', commune: 'Oignies' }, 'reused');
    expect(other.status).toBe(409);
    expect(((await other.json()) as { code: string }).code).toBe('idempotency_key_reused');
    expect(await apartmentsNamed('Appartement Y')).toBe(0);
  });

  it('a malformed key is a 400 naming the header', async () => {
    const res = await post('/v1/apartments', { label: 'Appartement Z', commune: 'Oignies' }, 'é'.repeat(3));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(
      'header.Idempotency-Key',
    );
  });

  it('a retry of an answer about a young person is audited, and gone once they are erased', async () => {
    const created = await post(
      '/v1/beneficiaries',
      { associationId: 'rencontres-et-loisirs', person: person('idem-erased'), facts: adultFacts() },
      'erase-1',
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const replayed = await post(
      '/v1/beneficiaries',
      { associationId: 'rencontres-et-loisirs', person: person('idem-erased'), facts: adultFacts() },
      'erase-1',
    );
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    await replayed.body?.cancel();
    const trail = await server.call('GET', `/v1/audit?resourceId=${id}&limit=5`);
    expect(trail.body.events.map((e: { action: string }) => e.action)).toContain('replay');
    expect((await server.call('DELETE', `/v1/beneficiaries/${id}`)).status).toBe(200);
    // The kept answer went with the record: the same key now registers anew.
    const after = await post(
      '/v1/beneficiaries',
      { associationId: 'rencontres-et-loisirs', person: person('idem-erased'), facts: adultFacts() },
      'erase-1',
    );
    expect(after.status).toBe(201);
    expect(after.headers.get('idempotent-replayed')).toBeNull();
    await after.body?.cancel();
  });

  it('does not keep a 429: the retry, once the pace allows it, runs', async () => {
    const paced = await startTestServer({ personalDataRatePerMinute: 1 });
    try {
      const send = () =>
        fetch(`${paced.url}/v1/keys`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${paced.key}`,
            'content-type': 'application/json',
            'idempotency-key': 'paced-1',
          },
          body: JSON.stringify({ role: 'partner', label: 'paced' }),
        });
      // Spends the key's one request of the minute.
      expect((await paced.call('GET', '/v1/audit')).status).toBe(200);
      const limited = await send();
      expect(limited.status).toBe(429);
      await limited.body?.cancel();
      const again = await send();
      // Still limited, but a fresh refusal, not a stored one.
      expect(again.status).toBe(429);
      expect(again.headers.get('idempotent-replayed')).toBeNull();
      await again.body?.cancel();
    } finally {
      await paced.close();
    }
  });

  it('is accepted, and ignored, by POSTs that change nothing', async () => {
    const request = { ...adultFacts(), referenceDate: '2022-06-01' };
    expect((await post('/v1/eligibility', request, 'pure')).status).toBe(200);
    expect((await post('/v1/eligibility', { ...request, referenceDate: '2022-07-01' }, 'pure')).status).toBe(
      200,
    );
  });
});

describe('one young person per CAF number within an association', () => {
  it('refuses a second record with the same number, giving the first one’s pseudonymous id only', async () => {
    const first = await server.call('POST', '/v1/beneficiaries', {
      body: { associationId: 'rencontres-et-loisirs', person: person('caf-twice'), facts: adultFacts() },
    });
    expect(first.status).toBe(201);
    const twin = { ...person('caf-twice-2'), cafNumber: ` ${person('caf-twice').cafNumber} ` };
    const second = await server.call('POST', '/v1/beneficiaries', {
      body: { associationId: 'rencontres-et-loisirs', person: twin, facts: adultFacts() },
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'duplicate_person', existingId: first.body.id });
    expect(JSON.stringify(second.body)).not.toMatch(/caf-twice|Tilleuls|06 /);
    // Within one association: another one records its own file, and learns nothing of the first.
    const other = await server.createKey('association', 'accueil-et-relais');
    const fromOther = await server.call('POST', '/v1/beneficiaries', {
      key: other,
      body: { person: twin, facts: adultFacts({ birthDate: '2005-09-01', aseStatus: 'in_care' }) },
    });
    expect(fromOther.status).toBe(201);
    // Rectifying another record to that number is refused the same way.
    const third = await server.call('POST', '/v1/beneficiaries', {
      body: { associationId: 'rencontres-et-loisirs', person: person('caf-third'), facts: adultFacts() },
    });
    const rectified = await server.call('PATCH', `/v1/beneficiaries/${third.body.id}`, {
      body: { person: { cafNumber: person('caf-twice').cafNumber } },
    });
    expect(rectified.status).toBe(409);
    expect(rectified.body.code).toBe('duplicate_person');
  });
});
