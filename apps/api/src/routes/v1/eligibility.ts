import { createRoute } from '@hono/zod-openapi';
import { type EligibilityBatchItem, operations } from '@tremplins/client';
import { DomainError } from '@tremplins/domain';
import { evaluateEligibility } from '@tremplins/rules';
import { fromDomainError } from '../../http/problem.ts';
import { router } from '../router.ts';

export function eligibilityRoutes() {
  return router()
    .openapi(createRoute(operations.evaluateEligibility), async (c) =>
      c.json(await evaluateEligibility(c.req.valid('json')), 200),
    )
    .openapi(createRoute(operations.evaluateEligibilityBatch), async (c) => {
      const { requests } = c.req.valid('json');
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
    });
}
