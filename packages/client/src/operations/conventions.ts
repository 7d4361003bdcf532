import { ConventionSchema } from '@tremplins/domain';
import { ReimbursementFindingsSchema, ReimbursementResultSchema } from '@tremplins/rules';
import { bearer, defineOperation, json, jsonBody } from '../operation.ts';
import { errorResponses } from '../problem.ts';
import { IdParam } from '../schemas/common.ts';
import {
  ConsistencySchema,
  ConventionListSchema,
  DeadlinesQuery,
  DeadlinesResponseSchema,
  FundingQuery,
  FundingSchema,
  OccupancyQuery,
  OccupancySchema,
  TerminationRequestSchema,
  TerminationSchema,
} from '../schemas/conventions.ts';

export const listConventions = defineOperation({
  method: 'get',
  path: '/v1/conventions',
  operationId: 'listConventions',
  summary: 'The conventions this service runs',
  tags: ['conventions'],
  security: bearer,
  responses: {
    200: json(ConventionListSchema, 'Conventions.'),
    ...errorResponses(),
  },
});

export const getConvention = defineOperation({
  method: 'get',
  path: '/v1/conventions/{id}',
  operationId: 'getConvention',
  summary: 'A convention, every figure with its article',
  tags: ['conventions'],
  security: bearer,
  request: { params: IdParam },
  responses: { 200: json(ConventionSchema, 'The convention.'), ...errorResponses(404) },
});

export const getFunding = defineOperation({
  method: 'get',
  path: '/v1/conventions/{id}/funding',
  operationId: 'getFunding',
  summary: 'Funding of a year: total and components, prorated on the convention’s basis',
  tags: ['conventions'],
  security: bearer,
  request: { params: IdParam, query: FundingQuery },
  responses: { 200: json(FundingSchema, 'Amounts in cents.'), ...errorResponses(404) },
});

export const getConsistency = defineOperation({
  method: 'get',
  path: '/v1/conventions/{id}/consistency',
  operationId: 'getConsistency',
  summary: 'The convention’s own figures checked against each other',
  tags: ['conventions'],
  security: bearer,
  request: { params: IdParam },
  responses: {
    200: json(ConsistencySchema, 'Findings.'),
    ...errorResponses(404),
  },
});

export const getOccupancy = defineOperation({
  method: 'get',
  path: '/v1/conventions/{id}/occupancy',
  operationId: 'getOccupancy',
  summary: 'Days of care from the stored stays, against capacity and the activity target (art. 11)',
  tags: ['conventions'],
  security: bearer,
  request: { params: IdParam, query: OccupancyQuery },
  responses: { 200: json(OccupancySchema, 'Occupancy and its projection.'), ...errorResponses(404) },
});

/** Department and association keys only. */
export const getDeadlines = defineOperation({
  method: 'get',
  path: '/v1/conventions/{id}/deadlines',
  operationId: 'getDeadlines',
  summary: 'What falls due: reports, stay ends, 18th and 21st birthdays (pseudonymous ids only)',
  tags: ['conventions'],
  security: bearer,
  request: { params: IdParam, query: DeadlinesQuery },
  responses: {
    200: json(DeadlinesResponseSchema, 'Deadlines in date order.'),
    ...errorResponses(403, 404),
  },
});

/** Department and association keys only. */
export const computeTermination = defineOperation({
  method: 'post',
  path: '/v1/conventions/{id}/termination',
  operationId: 'computeTermination',
  summary: 'When a termination notice takes effect (art. 17)',
  tags: ['conventions'],
  security: bearer,
  request: { params: IdParam, body: jsonBody(TerminationRequestSchema) },
  responses: {
    200: json(TerminationSchema, 'Effective date.'),
    ...errorResponses(403, 404, 413, 415),
  },
});

/** Department and association keys only. */
export const evaluateReimbursement = defineOperation({
  method: 'post',
  path: '/v1/conventions/{id}/reimbursement',
  operationId: 'evaluateReimbursement',
  summary: 'Which reimbursement triggers of art. 14 hold, and for how much',
  tags: ['conventions'],
  security: bearer,
  request: { params: IdParam, body: jsonBody(ReimbursementFindingsSchema) },
  responses: {
    200: json(ReimbursementResultSchema, 'The rules package’s result.'),
    ...errorResponses(403, 404, 413, 415),
  },
});
