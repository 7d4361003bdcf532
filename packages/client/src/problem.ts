import { z } from 'zod';

export const FieldErrorSchema = z
  .object({
    path: z.string().meta({ example: 'facts.birthDate' }),
    message: z.string().meta({ example: 'Invalid ISO date' }),
  })
  .meta({ id: 'FieldError' });

/** RFC 9457 problem details, with a stable `code` and the failing fields when there are some. */
export const ProblemSchema = z
  .object({
    type: z.string().meta({ example: 'https://tremplins.example/problems/invalid_request' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().meta({ example: 'invalid_request' }),
    instance: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
    /** Extension members of some codes (e.g. the failed checks of `ineligible`). */
    checks: z.array(z.object({ id: z.string(), label: z.string(), article: z.string() })).optional(),
    missingFacts: z.array(z.string()).optional(),
    /** `duplicate_person`: the pseudonymous id of the record that already has this CAF number, when this key may see it. */
    existingId: z.string().optional(),
  })
  .meta({ id: 'Problem' });

export type FieldError = z.infer<typeof FieldErrorSchema>;
export type Problem = z.infer<typeof ProblemSchema>;

/** What each problem status of the API means, as /openapi.json says it. */
export const PROBLEM_DESCRIPTIONS = {
  400: 'Malformed JSON, or a field that fails validation (named in `errors`).',
  401: 'No key, or a key that is unknown or revoked.',
  403: "The key's role may not do this.",
  404: 'No such resource (or not one this key may see).',
  409: 'Conflicts with the stored state (see `code`).',
  413: 'Body larger than the route accepts.',
  415: 'Body is not application/json.',
  422: 'Valid request that the convention refuses (see `code`, `checks`, `missingFacts`).',
  429: 'Too many requests for this key; retry after the `Retry-After` seconds.',
  500: 'An unexpected error (`internal`); it was logged without personal data.',
  503: 'The database cannot be reached (`not_ready`); retry later.',
} as const;

export type ProblemStatus = keyof typeof PROBLEM_DESCRIPTIONS;

export interface ProblemResponse {
  description: string;
  content: { 'application/problem+json': { schema: typeof ProblemSchema } };
}

/**
 * The problem+json responses an operation can give, spread into its `responses` so /openapi.json lists
 * them: 400, 401, 413, 415, 429, 500 and 503 always, plus the statuses given.
 */
export function errorResponses<S extends ProblemStatus>(
  ...statuses: S[]
): Record<S | 400 | 401 | 413 | 415 | 429 | 500 | 503, ProblemResponse> {
  // Any request may carry a body, and every /v1 route checks its size and type before anything else.
  const all: ProblemStatus[] = [400, 401, 413, 415, 429, 500, 503, ...statuses];
  return Object.fromEntries(
    all.map((status) => [
      status,
      {
        description: PROBLEM_DESCRIPTIONS[status],
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  ) as Record<S | 400 | 401 | 413 | 415 | 429 | 500 | 503, ProblemResponse>;
}
