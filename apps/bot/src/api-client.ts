import { createClient } from '@tremplins/api/client';
import {
  type DeadlinesResponse,
  DeadlinesResponseSchema,
  type OccupancyReport as OccupancyResponse,
  OccupancySchema as OccupancyResponseSchema,
  type PlacesResponse,
  PlacesResponseSchema,
} from '@tremplins/api/schemas';
import type { z } from 'zod';

/*
 * What the bot reads from the Tremplins API (apps/api). The shapes are checked at runtime too: a
 * reply the bot cannot read is an ApiError, never a crash halfway through a Block Kit builder.
 */

// The API's own answer schemas: the bot reads what the server declares, not a copy of it.
export type {
  Deadline,
  DeadlineKind,
  DeadlinesResponse,
  OccupancyReport as OccupancyResponse,
  PlacesResponse,
  PlaceView,
} from '@tremplins/api/schemas';
export {
  DeadlineKindSchema,
  DeadlineSchema,
  DeadlinesResponseSchema,
  OccupancySchema as OccupancyResponseSchema,
  PlacesResponseSchema,
  PlaceViewSchema,
} from '@tremplins/api/schemas';

export interface OccupancyParams {
  from?: string;
  to?: string;
  asOf?: string;
}

export interface DeadlinesParams {
  asOf?: string;
  withinDays?: number;
}

/** The convention the bot reports on. */
export const CONVENTION_ID = '2022-417';

/** What the bot needs from the API; tests may hand the bot any implementation. */
export interface TremplinsApi {
  getPlaces(asOf?: string): Promise<PlacesResponse>;
  getOccupancy(params?: OccupancyParams): Promise<OccupancyResponse>;
  getDeadlines(params?: DeadlinesParams): Promise<DeadlinesResponse>;
}

/** The API could not be reached, timed out, or failed on its side (5xx). */
export class ApiUnavailableError extends Error {
  override readonly name = 'ApiUnavailableError';
}

/** The API answered with an error it meant (4xx), or with a body the bot cannot read. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  /** The problem+json `code`, `invalid_response` for an unreadable body, or `unknown`. */
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export interface ApiClientOptions {
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  /** Per request, in milliseconds (default 8000): a slow API must not leave a reply hanging. */
  timeoutMs?: number;
}

/**
 * A {@link TremplinsApi} over the API's typed Hono RPC client (`@tremplins/api/client`): paths and
 * parameters are checked by TypeScript against the server's routes; answers are still parsed at
 * runtime, so a server of another version fails as an ApiError instead of a wrong message. Errors
 * never carry the API key or a response body.
 */
export function createApiClient(options: ApiClientOptions): TremplinsApi {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 8000;
  const client = createClient({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    fetch: ((input: string | URL | Request, init?: RequestInit) =>
      doFetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as typeof fetch,
  });

  async function read<S extends z.ZodType>(
    what: string,
    call: () => Promise<Response>,
    schema: S,
  ): Promise<z.output<S>> {
    let response: Response;
    try {
      response = await call();
    } catch (error) {
      throw new ApiUnavailableError(`${what}: ${(error as Error).name}`, { cause: error });
    }
    if (response.status >= 500) {
      await response.body?.cancel();
      throw new ApiUnavailableError(`${what}: HTTP ${response.status}`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new ApiError(response.status, 'invalid_response', `${what}: the body is not JSON`);
    }
    if (!response.ok) {
      const code =
        typeof (body as { code?: unknown })?.code === 'string' ? (body as { code: string }).code : 'unknown';
      throw new ApiError(response.status, code, `${what}: HTTP ${response.status} ${code}`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new ApiError(response.status, 'invalid_response', `${what}: unexpected reply shape`);
    return parsed.data;
  }

  const convention = client.v1.conventions[':id'];
  const param = { id: CONVENTION_ID };
  return {
    getPlaces: (asOf) =>
      read('GET /v1/places', () => client.v1.places.$get({ query: defined({ asOf }) }), PlacesResponseSchema),
    getOccupancy: (params = {}) =>
      read(
        'GET occupancy',
        () =>
          convention.occupancy.$get({
            param,
            query: defined({ from: params.from, to: params.to, asOf: params.asOf }),
          }),
        OccupancyResponseSchema,
      ),
    getDeadlines: (params = {}) =>
      read(
        'GET deadlines',
        () =>
          convention.deadlines.$get({
            param,
            query: defined({
              asOf: params.asOf,
              withinDays: params.withinDays === undefined ? undefined : String(params.withinDays),
            }),
          }),
        DeadlinesResponseSchema,
      ),
  };
}

/** Leaves unset parameters out of the query string. */
function defined<T extends Record<string, string | undefined>>(query: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: string;
  };
}
