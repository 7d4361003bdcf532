import { ProblemSchema } from './problem.ts';

const DESCRIPTIONS = {
  400: 'Malformed JSON, or a field that fails validation (named in `errors`).',
  401: 'No key, or a key that is unknown or revoked.',
  403: "The key's role may not do this.",
  404: 'No such resource (or not one this key may see).',
  409: 'Conflicts with the stored state (see `code`).',
  413: 'Body larger than the route accepts.',
  415: 'Body is not application/json.',
  422: 'Valid request that the convention refuses (see `code`, `checks`, `missingFacts`).',
  429: 'Too many requests for this key; retry after the `Retry-After` seconds.',
  503: 'The database cannot be reached (`not_ready`); retry later.',
} as const;

type ErrorStatus = keyof typeof DESCRIPTIONS;

/** The problem+json responses a route can give, spread into its `responses` so /openapi.json lists them. */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]) {
  const all = [400, 401, 429, 503, ...statuses] as S[];
  return Object.fromEntries(
    all.map((status) => [
      status,
      {
        description: DESCRIPTIONS[status],
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  ) as unknown as Record<
    S | 400 | 401 | 429 | 503,
    { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }
  >;
}

export function json<T>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

export function jsonBody<T>(schema: T) {
  // `required: true`, or a request without Content-Type would skip validation (zod-openapi injects {}).
  return { required: true, content: { 'application/json': { schema } } };
}

export const bearer = [{ Bearer: [] }];
