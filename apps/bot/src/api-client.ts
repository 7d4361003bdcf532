import {
  createClient,
  type DeadlinesResponse,
  type OccupancyReport as OccupancyResponse,
  type PlacesResponse,
} from '@tremplins/client';

/*
 * What the bot reads from the Tremplins API, through the API's typed client (`@tremplins/client`, the
 * contract the server is built from). Answers are checked at runtime by the client: a reply the bot
 * cannot read is an ApiError, never a crash halfway through a Block Kit builder.
 */

// The API's own answer schemas: the bot reads what the server declares, not a copy of it.
export {
  ApiError,
  ApiUnavailableError,
  type Deadline,
  type DeadlineKind,
  DeadlineKindSchema,
  DeadlineSchema,
  type DeadlinesResponse,
  DeadlinesResponseSchema,
  type OccupancyReport as OccupancyResponse,
  OccupancySchema as OccupancyResponseSchema,
  type PlacesResponse,
  PlacesResponseSchema,
  type PlaceView,
  PlaceViewSchema,
} from '@tremplins/client';

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

export interface ApiClientOptions {
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  /** Per request, in milliseconds (default 8000): a slow API must not leave a reply hanging. */
  timeoutMs?: number;
}

/**
 * A {@link TremplinsApi} over `createClient` of `@tremplins/client`: it throws ApiUnavailableError
 * (network, timeout, 5xx) and ApiError (4xx with its problem `code`, or `invalid_response`), and its
 * errors never carry the API key or a response body.
 */
export function createApiClient(options: ApiClientOptions): TremplinsApi {
  const client = createClient({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs ?? 8000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const params = { id: CONVENTION_ID };
  return {
    getPlaces: (asOf) => client.listPlaces({ query: { asOf } }),
    getOccupancy: ({ from, to, asOf } = {}) => client.getOccupancy({ params, query: { from, to, asOf } }),
    getDeadlines: ({ asOf, withinDays } = {}) => client.getDeadlines({ params, query: { asOf, withinDays } }),
  };
}
