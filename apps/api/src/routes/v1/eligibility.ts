import { createRoute } from '@hono/zod-openapi';
import { type EligibilityBatchItem, operations } from '@tremplins/client';
import { DomainError } from '@tremplins/domain';
import { evaluateEligibility } from '@tremplins/rules';
import type { Role } from '../../deps.ts';
import { access } from '../../http/access-policy.ts';
import { ApiProblem, fromDomainError } from '../../http/problem.ts';
import { router } from '../router.ts';

/**
 * Items per batch by role: a partner system screens a few at a time; the association and the
 * Département may re-screen a whole year's files at once (the body limit bounds it too).
 */
export const BATCH_MAX_BY_ROLE: Record<Role, number> = {
  department: 10_000,
  association: 10_000,
  partner: 1_000,
};

export function eligibilityRoutes() {
  return router()
    .openapi(
      createRoute({ ...operations.evaluateEligibility, middleware: access('evaluateEligibility') }),
      async (c) => c.json(await evaluateEligibility(c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({ ...operations.evaluateEligibilityBatch, middleware: access('evaluateEligibilityBatch') }),
      async (c) => {
        const { requests } = c.req.valid('json');
        const max = BATCH_MAX_BY_ROLE[c.get('principal').role];
        if (requests.length > max) {
          throw new ApiProblem(
            'invalid_request',
            `a ${c.get('principal').role} key sends at most ${max} requests per batch`,
            {
              errors: [{ path: 'requests', message: `at most ${max} items for this key's role` }],
            },
          );
        }
        const results: EligibilityBatchItem[] = [];
        for (const [index, request] of requests.entries()) {
          try {
            results.push({ index, result: await evaluateEligibility(request) });
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            const { code, message, extra } = fromDomainError(error);
            results.push({ index, error: { code, detail: message, errors: extra.errors ?? [] } });
          }
        }
        return c.json({ results }, 200);
      },
    );
}
