import { type Problem, ProblemSchema } from '@tremplins/client';
import { DomainError } from '@tremplins/domain';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** Stable machine codes: partners branch on `code`, never on `title` or `detail`. */
export const PROBLEM_CODES = {
  malformed_json: 400,
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  place_not_available: 409,
  place_occupied: 409,
  already_housed: 409,
  category_mismatch: 409,
  operator_mismatch: 409,
  duplicate_person: 409,
  idempotency_key_reused: 409,
  idempotency_in_progress: 409,
  already_decided: 409,
  already_exited: 409,
  renewal_limit: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  ineligible: 422,
  eligibility_undetermined: 422,
  rate_limited: 429,
  not_ready: 503,
  internal: 500,
  integrity_error: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export { type Problem, ProblemSchema };

/** An expected refusal: the handler throws it, `app.onError` answers it as problem+json. */
export class ApiProblem extends Error {
  override name = 'ApiProblem';
  readonly code: ProblemCode;
  readonly status: ContentfulStatusCode;
  readonly extra: Partial<Problem>;

  constructor(code: ProblemCode, detail: string, extra: Partial<Problem> = {}) {
    super(detail);
    this.code = code;
    this.status = PROBLEM_CODES[code];
    this.extra = extra;
  }
}

export function problemBody(code: ProblemCode, detail: string, extra: Partial<Problem> = {}): Problem {
  const status = PROBLEM_CODES[code];
  return {
    type: `https://tremplins.example/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...extra,
  };
}

/** Built with `c.json` so headers set earlier (request id, rate limit) stay on the answer. */
export function problem(c: Context, code: ProblemCode, detail: string, extra: Partial<Problem> = {}) {
  // The route's template, not the path asked: an error body quotes nothing the request sent.
  const route = c.req.routePath;
  const instance = route && !route.includes('*') ? route.replace(/:(\w+)/g, '{$1}') : undefined;
  const body = problemBody(code, detail, { ...(instance ? { instance } : {}), ...extra });
  return c.json(body, body.status as ContentfulStatusCode, { 'Content-Type': 'application/problem+json' });
}

/**
 * The domain's errors name their fields; they become 400s that name them too. Their messages are for
 * developers and may quote the value given (a commune typed, a date), so the API answers from the
 * error's code, its issues and the candidates it found instead: no request value reaches the body.
 */
export function fromDomainError(error: DomainError): ApiProblem {
  const candidates = (error.details as { candidates?: { name: string; inseeCode: string }[] } | undefined)
    ?.candidates;
  if (error.code === 'unknown_commune' || error.code === 'ambiguous_commune') {
    const postal = (error.details as { postalCode?: unknown } | undefined)?.postalCode !== undefined;
    const listed = candidates?.length
      ? `; candidates: ${candidates.map((c) => `${c.name} (${c.inseeCode})`).join(', ')}`
      : '';
    const message =
      error.code === 'ambiguous_commune'
        ? `several communes have this name: give the INSEE code${listed}`
        : postal
          ? `a postal code is not accepted (it can cover several communes): give an INSEE code or a name${listed}`
          : 'no current French commune has this name or INSEE code';
    // The path is the domain's (`commune`, `facts.commune`); its message would quote the value.
    return new ApiProblem('invalid_request', 'the commune is not one known commune', {
      errors: [{ path: error.issues[0]?.path ?? 'commune', message }],
    });
  }
  return new ApiProblem('invalid_request', 'the request is not valid (see errors)', {
    errors: error.issues.map((i) => ({ path: i.path, message: i.message })),
  });
}

export function toApiProblem(error: unknown): ApiProblem | undefined {
  if (error instanceof ApiProblem) return error;
  if (error instanceof DomainError) return fromDomainError(error);
  return undefined;
}

/** zod issues → the fields that failed, as `a.b.0.c` paths; the submitted values are never echoed. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], prefix = ''): Problem['errors'] {
  return issues.flatMap((issue) => {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: fieldPath(base, key), message: 'unknown field' }));
    }
    return [{ path: base || '(body)', message: issue.message }];
  });
}

/**
 * A field name the request chose (an unknown key, a repeated one) is named back only when it looks
 * like a field name: a key may hold anything, a name or a phone number included.
 */
export function fieldPath(base: string, key: string): string {
  const name = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(key) ? key : '(unknown field)';
  return base ? `${base}.${name}` : name;
}
