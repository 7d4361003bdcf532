import { bearer, defineOperation, json } from '../operation.ts';
import { errorResponses } from '../problem.ts';
import { AuditPageSchema, AuditQuerySchema } from '../schemas/audit.ts';

/** Department keys only: the trail a breach notice is written from (GDPR art. 33, convention art. 13). */
export const listAuditEvents = defineOperation({
  method: 'get',
  path: '/v1/audit',
  operationId: 'listAuditEvents',
  summary: 'Who read, changed or was refused which record, and when (ids only), newest first',
  description:
    'Which records key K read between T1 and T2: `keyId`, `from`, `to`. Who read record R: `resourceId`. Pages of `limit` events; pass `next` as `before`.',
  tags: ['audit'],
  security: bearer,
  request: { query: AuditQuerySchema },
  responses: {
    200: json(AuditPageSchema, 'Events, newest first.'),
    ...errorResponses(403),
  },
});
