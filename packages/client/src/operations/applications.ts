import { bearer, defineOperation, json, jsonBody } from '../operation.ts';
import { errorResponses } from '../problem.ts';
import {
  ApplicationRecordSchema,
  DecidedApplicationSchema,
  DecisionInputSchema,
  NewApplicationSchema,
} from '../schemas/applications.ts';
import { RecordIdParam } from '../schemas/common.ts';

// Applications are personal data: department and association keys only.

export const createApplication = defineOperation({
  method: 'post',
  path: '/v1/applications',
  operationId: 'createApplication',
  summary: 'Pre-admission: store the engine’s advice on a young person’s file',
  tags: ['applications'],
  security: bearer,
  request: { body: jsonBody(NewApplicationSchema) },
  responses: {
    201: json(ApplicationRecordSchema, 'The application, undecided.'),
    ...errorResponses(403, 404, 413, 415),
  },
});

export const getApplication = defineOperation({
  method: 'get',
  path: '/v1/applications/{id}',
  operationId: 'getApplication',
  summary: 'An application, its advice and its decision',
  tags: ['applications'],
  security: bearer,
  request: { params: RecordIdParam },
  responses: { 200: json(ApplicationRecordSchema, 'The application.'), ...errorResponses(403, 404) },
});

export const decideApplication = defineOperation({
  method: 'post',
  path: '/v1/applications/{id}/decision',
  operationId: 'decideApplication',
  summary: 'The admission commission’s decision, by a named person with a rationale (art. 6; GDPR art. 22)',
  tags: ['applications'],
  security: bearer,
  request: { params: RecordIdParam, body: jsonBody(DecisionInputSchema) },
  responses: {
    200: json(DecidedApplicationSchema, 'The decided application.'),
    ...errorResponses(403, 404, 409, 413, 415),
  },
});
