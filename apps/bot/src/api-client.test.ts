// The HTTP client of the Tremplins API: what it sends, and how each kind of failure comes back.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, ApiUnavailableError, createApiClient } from './api-client.ts';
import { type FakeApiHandler, json, startFakeApi } from './test-support/fake-api.ts';
import { deadlinesFixture, occupancyFixture, placesFixture } from './test-support/fixtures.ts';

const KEY = 'test-api-key-0123456789abcdef0123456789';
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(handler: FakeApiHandler, timeoutMs?: number) {
  const api = await startFakeApi(handler);
  close = api.close;
  return {
    api,
    client: createApiClient({ baseUrl: api.url, apiKey: KEY, ...(timeoutMs ? { timeoutMs } : {}) }),
  };
}

describe('createApiClient', () => {
  it('GET /v1/places?asOf with the bearer key, parsed', async () => {
    const { api, client } = await serve((_req, res) => json(res, 200, placesFixture()));
    const places = await client.getPlaces('2022-06-01');
    expect(places.places).toHaveLength(23);
    expect(api.requests).toEqual([
      { method: 'GET', path: '/v1/places', query: { asOf: '2022-06-01' }, authorization: `Bearer ${KEY}` },
    ]);
  });

  it('GET occupancy and deadlines of convention 2022-417, leaving out unset parameters', async () => {
    const { api, client } = await serve((req, res) =>
      json(res, 200, req.path.endsWith('occupancy') ? occupancyFixture() : deadlinesFixture(2)),
    );
    await client.getOccupancy({ asOf: '2022-06-01' });
    await client.getDeadlines({ asOf: '2022-06-01', withinDays: 7 });
    await client.getOccupancy();
    expect(api.requests.map((r) => [r.path, r.query])).toEqual([
      ['/v1/conventions/2022-417/occupancy', { asOf: '2022-06-01' }],
      ['/v1/conventions/2022-417/deadlines', { asOf: '2022-06-01', withinDays: '7' }],
      ['/v1/conventions/2022-417/occupancy', {}],
    ]);
  });

  it('keeps a path prefix of the base URL', async () => {
    const api = await startFakeApi((_req, res) => json(res, 200, placesFixture()));
    close = api.close;
    await createApiClient({ baseUrl: `${api.url}/tremplins`, apiKey: KEY }).getPlaces();
    expect(api.requests[0]?.path).toBe('/tremplins/v1/places');
  });

  it('a problem+json 4xx is an ApiError with its status and code, without the key', async () => {
    const { client } = await serve((_req, res) =>
      json(
        res,
        401,
        { type: 'about:blank', title: 'Unauthorized', status: 401, code: 'unauthorized' },
        'application/problem+json',
      ),
    );
    const error = await client.getPlaces().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(String((error as Error).message)).not.toContain(KEY);
  });

  it.each([500, 502, 503])('HTTP %d is ApiUnavailableError', async (status) => {
    const { client } = await serve((_req, res) => json(res, status, { code: 'internal' }));
    await expect(client.getPlaces()).rejects.toBeInstanceOf(ApiUnavailableError);
  });

  it('a reply of another shape is an ApiError invalid_response', async () => {
    const { client } = await serve((_req, res) =>
      json(res, 200, { asOf: '2022-06-01', places: [{ id: 1 }] }),
    );
    await expect(client.getPlaces()).rejects.toMatchObject({ name: 'ApiError', code: 'invalid_response' });
  });

  it('a body that is not JSON is an ApiError invalid_response', async () => {
    const { client } = await serve((_req, res) => res.writeHead(200).end('<html>proxy</html>'));
    await expect(client.getPlaces()).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('a closed port is ApiUnavailableError', async () => {
    const api = await startFakeApi(() => {});
    await api.close();
    await expect(createApiClient({ baseUrl: api.url, apiKey: KEY }).getPlaces()).rejects.toBeInstanceOf(
      ApiUnavailableError,
    );
  });

  it('a slow API times out as ApiUnavailableError', async () => {
    const { client } = await serve(() => {}, 200);
    const started = Date.now();
    await expect(client.getPlaces()).rejects.toBeInstanceOf(ApiUnavailableError);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
