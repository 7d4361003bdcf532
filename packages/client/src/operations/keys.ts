import { bearer, defineOperation, json, jsonBody } from '../operation.ts';
import { errorResponses } from '../problem.ts';
import { RecordIdParam } from '../schemas/common.ts';
import { CreatedKeySchema, NewKeySchema, RevokedKeySchema } from '../schemas/keys.ts';

// Key management: department keys only.

export const createKey = defineOperation({
  method: 'post',
  path: '/v1/keys',
  operationId: 'createKey',
  summary: 'Create an API key (shown once)',
  tags: ['keys'],
  security: bearer,
  request: { body: jsonBody(NewKeySchema) },
  responses: {
    201: json(CreatedKeySchema, 'The key.'),
    ...errorResponses(403, 413, 415),
  },
});

export const revokeKey = defineOperation({
  method: 'delete',
  path: '/v1/keys/{id}',
  operationId: 'revokeKey',
  summary: 'Revoke an API key',
  tags: ['keys'],
  security: bearer,
  request: { params: RecordIdParam },
  responses: {
    200: json(RevokedKeySchema, 'Revoked.'),
    ...errorResponses(403, 404),
  },
});
