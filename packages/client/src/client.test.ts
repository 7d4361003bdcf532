// The typed client against a real HTTP server on 127.0.0.1: what it sends, what it returns, and how
// each kind of failure comes back.
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from './client.ts';
import { ApiError, ApiUnavailableError } from './errors.ts';
import { type Answer, sendJson, startCannedServer } from './test-support/canned-server.ts';

const KEY = 'trk_client-test-key-0123456789abcdef0123456789';

const PLACES = {
  asOf: '2022-06-01',
  places: [
    {
      id: '2022-417-A01',
      conventionId: '2022-417',
      category: 'adult',
      apartmentId: 'apt-1',
      apartmentLabel: 'Appartement Oignies 1',
      commune: { inseeCode: '62637', name: 'Oignies' },
      occupied: true,
      occupiedBy: 'ben_1',
    },
    {
      id: '2022-417-M01',
      conventionId: '2022-417',
      category: 'minor',
      apartmentId: null,
      apartmentLabel: null,
      commune: null,
      occupied: false,
    },
  ],
};

const STAY = {
  id: 'stay_1',
  beneficiaryId: 'ben_1',
  placeId: '2022-417-A01',
  category: 'adult',
  startOn: '2022-05-02',
  plannedEndOn: '2022-08-02',
  renewals: 0,
  endOn: null,
  exitReason: null,
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(answer: Answer, options: { timeoutMs?: number; prefix?: string } = {}) {
  const server = await startCannedServer(answer);
  close = server.close;
  const client = createClient({
    baseUrl: `${server.url}${options.prefix ?? ''}`,
    apiKey: KEY,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  return { server, client };
}

/** Everything an error could show: message, stack, its cause's, and its own fields. */
function everythingIn(error: unknown): string {
  const e = error as Error & { cause?: unknown };
  const cause = e.cause as Error | undefined;
  return [String(e), e.message, e.stack, cause && String(cause), cause?.stack, JSON.stringify(e)].join('\n');
}

describe('createClient: requests', () => {
  it('GET with the bearer key and the query, the answer parsed by its schema', async () => {
    const { server, client } = await serve((_req, res) =>
      sendJson(res, 200, { ...PLACES, notInTheContract: true }),
    );
    const places = await client.listPlaces({ query: { asOf: '2022-06-01' } });
    expect(places).toEqual(PLACES);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'GET', rawPath: '/v1/places', query: { asOf: '2022-06-01' } });
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers['content-type']).toBeUndefined();
  });

  it('POST sends the body as application/json and reads the 201 answer', async () => {
    const { server, client } = await serve((_req, res) => sendJson(res, 201, STAY));
    const body = { beneficiaryId: 'ben_1', placeId: '2022-417-A01', startOn: '2022-05-02' };
    expect(await client.createStay({ body })).toEqual(STAY);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.rawPath).toBe('/v1/stays');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual(body);
  });

  it('a POST without a body sends none', async () => {
    const { server, client } = await serve((_req, res) => sendJson(res, 200, { ...STAY, renewals: 1 }));
    expect((await client.renewStay({ params: { id: 'stay_1' } })).renewals).toBe(1);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      rawPath: '/v1/stays/stay_1/renewal',
      body: '',
    });
    expect(server.requests[0]?.headers['content-type']).toBeUndefined();
  });

  it('URL-encodes path parameters', async () => {
    const { server, client } = await serve((_req, res) => sendJson(res, 200, STAY));
    await client.getStay({ params: { id: 'a/b c?d#é' } });
    expect(server.requests[0]?.rawPath).toBe('/v1/stays/a%2Fb%20c%3Fd%23%C3%A9');
  });

  it('leaves undefined query values out, and writes the others as strings', async () => {
    const occupancy = {
      conventionId: '2022-417',
      period: { start: '2022-01-01', end: '2022-12-31' },
      asOf: '2022-06-01',
      days: 10,
      capacityDays: 100,
      rate: 0.1,
      targetDays: 8030,
      targetRate: 0.95,
      projection: { days: 20, rate: 0.2, targetRate: 0.95, basis: 'linear' },
    };
    const deadlines = { conventionId: '2022-417', asOf: '2022-06-01', withinDays: 7, deadlines: [] };
    const { server, client } = await serve((req, res) =>
      sendJson(res, 200, req.rawPath.endsWith('/occupancy') ? occupancy : deadlines),
    );
    const params = { id: '2022-417' };
    await client.getOccupancy({ params, query: { from: undefined, to: undefined, asOf: '2022-06-01' } });
    await client.getOccupancy({ params });
    await client.getDeadlines({ params, query: { asOf: undefined, withinDays: 7 } });
    expect(server.requests.map((r) => [r.rawPath, r.query])).toEqual([
      ['/v1/conventions/2022-417/occupancy', { asOf: '2022-06-01' }],
      ['/v1/conventions/2022-417/occupancy', {}],
      ['/v1/conventions/2022-417/deadlines', { withinDays: '7' }],
    ]);
  });

  it('keeps a path prefix of the base URL, with or without a trailing slash', async () => {
    const { server } = await serve((_req, res) => sendJson(res, 200, PLACES));
    await createClient({ baseUrl: `${server.url}/tremplins`, apiKey: KEY }).listPlaces();
    await createClient({ baseUrl: `${server.url}/tremplins/`, apiKey: KEY }).listPlaces();
    expect(server.requests.map((r) => r.rawPath)).toEqual(['/tremplins/v1/places', '/tremplins/v1/places']);
  });

  it('uses the fetch it is given', async () => {
    const seen: string[] = [];
    const client = createClient({
      baseUrl: 'http://tremplins.invalid',
      apiKey: KEY,
      fetch: async (input) => {
        seen.push(String(input));
        return new Response(JSON.stringify({ status: 'ok', version: '0.1.0' }), { status: 200 });
      },
    });
    expect(await client.getHealth()).toEqual({ status: 'ok', version: '0.1.0' });
    expect(seen).toEqual(['http://tremplins.invalid/health']);
  });

  it('refuses a call without its path parameter before sending anything', async () => {
    const { server, client } = await serve((_req, res) => sendJson(res, 200, STAY));
    // @ts-expect-error: the id is required
    await expect(client.getStay({ params: {} })).rejects.toThrow(/path parameter id is missing/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('createClient: failures', () => {
  it('a problem+json 4xx is an ApiError with its status and code, without the key or the body', async () => {
    const { client } = await serve((_req, res) =>
      sendJson(
        res,
        404,
        {
          type: 'https://tremplins.example/problems/not_found',
          title: 'Not Found',
          status: 404,
          detail: 'no stay Verhaeghe-7654321',
          code: 'not_found',
        },
        'application/problem+json',
      ),
    );
    const error = await client.getStay({ params: { id: 'stay_1' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ name: 'ApiError', status: 404, code: 'not_found' });
    expect((error as Error).message).toBe('getStay: HTTP 404 not_found');
    expect(everythingIn(error)).not.toContain(KEY);
    expect(everythingIn(error)).not.toContain('Verhaeghe');
  });

  it('a 4xx whose body names no code is an ApiError `unknown`', async () => {
    const { client } = await serve((_req, res) => sendJson(res, 403, { message: 'nope' }));
    await expect(client.listPlaces()).rejects.toMatchObject({ status: 403, code: 'unknown' });
  });

  it.each([500, 502, 503])('HTTP %d is ApiUnavailableError with its status', async (status) => {
    const { client } = await serve((_req, res) => sendJson(res, status, { code: 'internal', detail: KEY }));
    const error = await client.listPlaces().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiUnavailableError);
    expect(error).toMatchObject({ name: 'ApiUnavailableError', status });
    expect(everythingIn(error)).not.toContain(KEY);
  });

  it('a reply of another shape is an ApiError invalid_response', async () => {
    const { client } = await serve((_req, res) =>
      sendJson(res, 200, { asOf: '2022-06-01', places: [{ id: 1, secret: 'Maëlys' }] }),
    );
    const error = await client.listPlaces().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ApiError', status: 200, code: 'invalid_response' });
    expect(everythingIn(error)).not.toContain('Maëlys');
  });

  it('a body that is not JSON is an ApiError invalid_response', async () => {
    const { client } = await serve((_req, res) => res.writeHead(200).end('<html>proxy</html>'));
    await expect(client.listPlaces()).rejects.toMatchObject({ name: 'ApiError', code: 'invalid_response' });
  });

  it('a success status the operation does not declare is an ApiError invalid_response', async () => {
    const { client } = await serve((_req, res) => sendJson(res, 202, PLACES));
    await expect(client.listPlaces()).rejects.toMatchObject({ status: 202, code: 'invalid_response' });
  });

  it('a refused connection is ApiUnavailableError', async () => {
    const server = await startCannedServer(() => {});
    await server.close();
    const error = await createClient({ baseUrl: server.url, apiKey: KEY })
      .listPlaces()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiUnavailableError);
    expect((error as ApiUnavailableError).status).toBeUndefined();
    expect(everythingIn(error)).not.toContain(KEY);
  });

  it('an API that does not answer times out as ApiUnavailableError', async () => {
    const { client } = await serve(() => {}, { timeoutMs: 200 });
    const started = Date.now();
    const error = await client.listPlaces().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiUnavailableError);
    expect((error as Error).message).toBe('listPlaces: TimeoutError');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('an answer that stops halfway times out as ApiUnavailableError, not as invalid_response', async () => {
    const { client } = await serve(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"asOf":"2022-06-01","pla');
      },
      { timeoutMs: 300 },
    );
    await expect(client.listPlaces()).rejects.toBeInstanceOf(ApiUnavailableError);
  });
});
