import { bearer, defineOperation, json, jsonBody } from '../operation.ts';
import { errorResponses } from '../problem.ts';
import { RecordIdParam } from '../schemas/common.ts';
import { NewStaySchema, StayExitSchema, StayRecordSchema } from '../schemas/stays.ts';

// Stays are personal data: department and association keys only.

export const createStay = defineOperation({
  method: 'post',
  path: '/v1/stays',
  operationId: 'createStay',
  summary: 'Register an entry in a place',
  description:
    '409 when the place or the young person is already in a stay on `startOn`, or the place’s category does not fit the age on `startOn`; 422 when not eligible (the failed checks are in `checks`) or when facts are missing (`missingFacts`).',
  tags: ['stays'],
  security: bearer,
  request: { body: jsonBody(NewStaySchema) },
  responses: {
    201: json(StayRecordSchema, 'The stay and its planned end.'),
    ...errorResponses(403, 404, 409, 413, 415, 422),
  },
});

export const getStay = defineOperation({
  method: 'get',
  path: '/v1/stays/{id}',
  operationId: 'getStay',
  summary: 'A stay',
  tags: ['stays'],
  security: bearer,
  request: { params: RecordIdParam },
  responses: { 200: json(StayRecordSchema, 'The stay.'), ...errorResponses(403, 404) },
});

export const renewStay = defineOperation({
  method: 'post',
  path: '/v1/stays/{id}/renewal',
  operationId: 'renewStay',
  summary: 'Renew a stay (one renewal of 3 months, chained)',
  tags: ['stays'],
  security: bearer,
  request: { params: RecordIdParam },
  responses: { 200: json(StayRecordSchema, 'The renewed stay.'), ...errorResponses(403, 404, 409) },
});

export const exitStay = defineOperation({
  method: 'post',
  path: '/v1/stays/{id}/exit',
  operationId: 'exitStay',
  summary: 'Record an exit: the young person leaves on `endOn` (that night is not a day of care)',
  tags: ['stays'],
  security: bearer,
  request: { params: RecordIdParam, body: jsonBody(StayExitSchema) },
  responses: { 200: json(StayRecordSchema, 'The ended stay.'), ...errorResponses(403, 404, 409, 413, 415) },
});
