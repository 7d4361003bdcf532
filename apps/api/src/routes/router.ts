import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../deps.ts';
import { ApiProblem, fieldErrors } from '../http/problem.ts';

/**
 * Every router validates the same way: a request that fails its schema is a 400 naming each failing
 * field (`errors[].path`), thrown so `app.onError` answers it as problem+json.
 */
export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const where = result.target === 'json' ? '' : result.target;
        throw new ApiProblem('invalid_request', 'the request does not match its schema', {
          errors: fieldErrors(result.error.issues, where),
        });
      }
    },
  });
}
