import { bearer, defineOperation, json, jsonBody } from '../operation.ts';
import { errorResponses } from '../problem.ts';
import {
  BeneficiaryListSchema,
  BeneficiaryRecordSchema,
  CafQuery,
  CafSearchSchema,
  CreatedBeneficiarySchema,
  ErasedBeneficiarySchema,
  NewBeneficiarySchema,
  RectificationSchema,
} from '../schemas/beneficiaries.ts';
import { RecordIdParam } from '../schemas/common.ts';

// Young people's records are personal data: department and association keys only.

export const createBeneficiary = defineOperation({
  method: 'post',
  path: '/v1/beneficiaries',
  operationId: 'createBeneficiary',
  summary: 'Register a young person (personal data encrypted per field)',
  tags: ['beneficiaries'],
  security: bearer,
  request: { body: jsonBody(NewBeneficiarySchema) },
  responses: {
    201: json(CreatedBeneficiarySchema, 'Registered.'),
    ...errorResponses(403, 413, 415),
  },
});

export const getBeneficiary = defineOperation({
  method: 'get',
  path: '/v1/beneficiaries/{id}',
  operationId: 'getBeneficiary',
  summary: 'A young person’s record (department, or the association that holds it)',
  tags: ['beneficiaries'],
  security: bearer,
  request: { params: RecordIdParam },
  responses: { 200: json(BeneficiaryRecordSchema, 'The record, decrypted.'), ...errorResponses(403, 404) },
});

/** Prefer {@link searchBeneficiaries}: it keeps the CAF number out of URLs and access logs. */
export const findBeneficiaries = defineOperation({
  method: 'get',
  path: '/v1/beneficiaries',
  operationId: 'findBeneficiaries',
  summary: 'Find a young person by CAF number (exact match through a keyed blind index)',
  tags: ['beneficiaries'],
  security: bearer,
  request: { query: CafQuery },
  responses: {
    200: json(BeneficiaryListSchema, 'Matching records this key may see.'),
    ...errorResponses(403),
  },
});

export const rectifyBeneficiary = defineOperation({
  method: 'patch',
  path: '/v1/beneficiaries/{id}',
  operationId: 'rectifyBeneficiary',
  summary: 'Rectify a young person’s record (GDPR art. 16)',
  tags: ['beneficiaries'],
  security: bearer,
  request: { params: RecordIdParam, body: jsonBody(RectificationSchema) },
  responses: {
    200: json(BeneficiaryRecordSchema, 'The record after rectification.'),
    ...errorResponses(403, 404, 409, 413, 415),
  },
});

export const eraseBeneficiary = defineOperation({
  method: 'delete',
  path: '/v1/beneficiaries/{id}',
  operationId: 'eraseBeneficiary',
  summary:
    'Erase a young person’s personal data (GDPR art. 17); the stays remain, pseudonymous, for the activity figures',
  tags: ['beneficiaries'],
  security: bearer,
  request: { params: RecordIdParam },
  responses: {
    200: json(ErasedBeneficiarySchema, 'Erased.'),
    ...errorResponses(403, 404, 409),
  },
});

export const searchBeneficiaries = defineOperation({
  method: 'post',
  path: '/v1/beneficiaries/search',
  operationId: 'searchBeneficiaries',
  summary:
    'Find a young person by CAF number, with the number in the body (kept out of URLs and access logs)',
  tags: ['beneficiaries'],
  security: bearer,
  request: { body: jsonBody(CafSearchSchema) },
  responses: {
    200: json(BeneficiaryListSchema, 'Matching records this key may see.'),
    ...errorResponses(403, 413, 415),
  },
});
