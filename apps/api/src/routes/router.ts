import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../deps.ts';
import { assertSafeText } from '../http/input-safety.ts';
import { ApiProblem, fieldErrors } from '../http/problem.ts';

/**
 * Every router validates the same way: a request that fails its schema is a 400 naming each failing
 * field (`errors[].path`), thrown so `app.onError` answers it as problem+json; a value that passes its
 * schema but carries a control character is refused the same way, before any handler sees it.
 */
export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      const where = result.target === 'json' ? '' : result.target;
      if (!result.success) {
        throw new ApiProblem('invalid_request', 'the request does not match its schema', {
          errors: fieldErrors(result.error.issues, where),
        });
      }
      assertSafeText(result.data, where);
    },
  });
}
