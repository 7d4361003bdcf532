import { EligibilityRequestSchema, EligibilityResultSchema } from '@tremplins/rules';
import { bearer, defineOperation, json, jsonBody } from '../operation.ts';
import { errorResponses } from '../problem.ts';
import {
  BATCH_MAX,
  EligibilityBatchRequestSchema,
  EligibilityBatchResponseSchema,
} from '../schemas/eligibility.ts';

export const evaluateEligibility = defineOperation({
  method: 'post',
  path: '/v1/eligibility',
  operationId: 'evaluateEligibility',
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

export const evaluateEligibilityBatch = defineOperation({
  method: 'post',
  path: '/v1/eligibility/batch',
  operationId: 'evaluateEligibilityBatch',
  summary: `Up to ${BATCH_MAX} eligibility requests, answered in order`,
  description:
    'Each item answers with `result`, or with `error` when its facts cannot be evaluated (e.g. an unknown commune); one bad item does not fail the others.',
  tags: ['eligibility'],
  security: bearer,
  request: { body: jsonBody(EligibilityBatchRequestSchema) },
  responses: {
    200: json(EligibilityBatchResponseSchema, 'One item per request, in order.'),
    ...errorResponses(413, 415),
  },
});
