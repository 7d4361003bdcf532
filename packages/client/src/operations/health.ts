import { defineOperation, json } from '../operation.ts';
import { HealthSchema } from '../schemas/health.ts';

export const getHealth = defineOperation({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  summary: 'Liveness and readiness (no key needed)',
  tags: ['service'],
  responses: { 200: json(HealthSchema, 'The process answers; `status` says whether the database is open.') },
});
