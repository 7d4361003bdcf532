import { createRoute, z } from '@hono/zod-openapi';
import { DomainError } from '@tremplins/domain';
import { EligibilityRequestSchema, EligibilityResultSchema, evaluateEligibility } from '@tremplins/rules';
import { fromDomainError } from '../../http/problem.ts';
import { bearer, errorResponses, json, jsonBody } from '../../http/responses.ts';
import { router } from '../router.ts';

export const BATCH_MAX = 10_000;

const BatchRequestSchema = z
  .object({ requests: z.array(EligibilityRequestSchema).min(1).max(BATCH_MAX) })
  .strict()
  .openapi('EligibilityBatchRequest');

const BatchItemSchema = z
  .object({
    index: z.number().int(),
    result: EligibilityResultSchema.optional(),
    error: z
      .object({
        code: z.string(),
        detail: z.string(),
        errors: z.array(z.object({ path: z.string(), message: z.string() })),
      })
      .optional(),
  })
  .openapi('EligibilityBatchItem');

const single = createRoute({
  method: 'post',
  path: '/',
  summary: 'Is this young person eligible, and why (advice, never a decision)',
  description:
    'The rules package’s request and result, unchanged. Missing optional facts are unknown, never false: they are listed in `missingFacts`.',
  tags: ['eligibility'],
  security: bearer,
  request: { body: jsonBody(EligibilityRequestSchema) },
  responses: {
    200: json(EligibilityResultSchema, 'The advice with every check and its article.'),
    ...errorResponses(413, 415),
  },
});

const batch = createRoute({
  method: 'post',
  path: '/batch',
  summary: `Up to ${BATCH_MAX} eligibility requests, answered in order`,
  description:
    'Each item answers with `result`, or with `error` when its facts cannot be evaluated (e.g. an unknown commune); one bad item does not fail the others.',
  tags: ['eligibility'],
  security: bearer,
  request: { body: jsonBody(BatchRequestSchema) },
  responses: {
    200: json(z.object({ results: z.array(BatchItemSchema) }), 'One item per request, in order.'),
    ...errorResponses(413, 415),
  },
});

export function eligibilityRoutes() {
  return router()
    .openapi(single, async (c) => c.json(await evaluateEligibility(c.req.valid('json')), 200))
    .openapi(batch, async (c) => {
      const { requests } = c.req.valid('json');
      const results: z.infer<typeof BatchItemSchema>[] = [];
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
