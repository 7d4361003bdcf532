import { defineOperation, json } from '../operation.ts';
import { PROBLEM_DESCRIPTIONS, ProblemSchema } from '../problem.ts';
import { HealthSchema } from '../schemas/health.ts';

export const getHealth = defineOperation({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  summary: 'Liveness and readiness (no key needed)',
  tags: ['service'],
  // No key: a supervisor or load balancer probes it.
  security: [],
  responses: {
    200: json(HealthSchema, 'The process answers; `status` says whether the database is open.'),
    500: {
      description: PROBLEM_DESCRIPTIONS[500],
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
  },
});
