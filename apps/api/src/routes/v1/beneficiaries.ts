import { createRoute, z } from '@hono/zod-openapi';
import { BirthDateCertaintySchema, EligibilityFactsSchema, PersonalDataSchema } from '@tremplins/domain';
import type { Context } from 'hono';
import type { AppEnv, Deps } from '../../deps.ts';
import { requireRole } from '../../http/middleware.ts';
import { bearer, errorResponses, json, jsonBody } from '../../http/responses.ts';
import { audit } from '../../services/audit.ts';
import {
  createBeneficiary,
  eraseBeneficiary,
  findByCafNumber,
  getBeneficiary,
  rectifyBeneficiary,
} from '../../services/beneficiaries.ts';
import { owningAssociation } from '../../services/scope.ts';
import { router } from '../router.ts';

const NewBeneficiarySchema = z
  .object({
    associationId: z
      .string()
      .min(1)
      .optional()
      .openapi({ description: 'Required for department keys; an association key records its own' }),
    person: PersonalDataSchema,
    facts: EligibilityFactsSchema,
    birthDateCertainty: BirthDateCertaintySchema.default('exact'),
  })
  .strict()
  .openapi('NewBeneficiary');

const BeneficiaryRecordSchema = z
  .object({
    id: z.string(),
    associationId: z.string(),
    person: PersonalDataSchema,
    facts: EligibilityFactsSchema,
    birthDateCertainty: BirthDateCertaintySchema,
    createdAt: z.string(),
  })
  .openapi('BeneficiaryRecord');

const RectificationSchema = z
  .object({
    person: PersonalDataSchema.partial().optional(),
    facts: EligibilityFactsSchema.optional().openapi({
      description: 'All the facts, replacing the stored ones',
    }),
    birthDateCertainty: BirthDateCertaintySchema.optional(),
  })
  .strict()
  .refine((r) => r.person !== undefined || r.facts !== undefined || r.birthDateCertainty !== undefined, {
    message: 'give at least one of person, facts, birthDateCertainty',
  })
  .openapi('Rectification');

const CafSearchSchema = z
  .object({ cafNumber: z.string().trim().min(4).max(20) })
  .strict()
  .openapi('CafSearch');

const personal = requireRole('department', 'association');

const create = createRoute({
  method: 'post',
  path: '/',
  summary: 'Register a young person (personal data encrypted per field)',
  tags: ['beneficiaries'],
  security: bearer,
  middleware: personal,
  request: { body: jsonBody(NewBeneficiarySchema) },
  responses: {
    201: json(z.object({ id: z.string().openapi({ description: 'Pseudonymous id' }) }), 'Registered.'),
    ...errorResponses(403, 413, 415),
  },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'A young person’s record (department, or the association that holds it)',
  tags: ['beneficiaries'],
  security: bearer,
  middleware: personal,
  request: { params: z.object({ id: z.string().min(1) }) },
  responses: { 200: json(BeneficiaryRecordSchema, 'The record, decrypted.'), ...errorResponses(403, 404) },
});

const find = createRoute({
  method: 'get',
  path: '/',
  summary: 'Find a young person by CAF number (exact match through a keyed blind index)',
  tags: ['beneficiaries'],
  security: bearer,
  middleware: personal,
  request: { query: z.object({ cafNumber: z.string().trim().min(4).max(20) }) },
  responses: {
    200: json(
      z.object({ beneficiaries: z.array(BeneficiaryRecordSchema) }),
      'Matching records this key may see.',
    ),
    ...errorResponses(403),
  },
});

const rectify = createRoute({
  method: 'patch',
  path: '/{id}',
  summary: 'Rectify a young person’s record (GDPR art. 16)',
  tags: ['beneficiaries'],
  security: bearer,
  middleware: personal,
  request: { params: z.object({ id: z.string().min(1) }), body: jsonBody(RectificationSchema) },
  responses: {
    200: json(BeneficiaryRecordSchema, 'The record after rectification.'),
    ...errorResponses(403, 404, 413, 415),
  },
});

const erase = createRoute({
  method: 'delete',
  path: '/{id}',
  summary:
    'Erase a young person’s personal data (GDPR art. 17); the stays remain, pseudonymous, for the activity figures',
  tags: ['beneficiaries'],
  security: bearer,
  middleware: personal,
  request: { params: z.object({ id: z.string().min(1) }) },
  responses: {
    200: json(z.object({ id: z.string(), erased: z.literal(true) }), 'Erased.'),
    ...errorResponses(403, 404, 409),
  },
});

const search = createRoute({
  method: 'post',
  path: '/search',
  summary:
    'Find a young person by CAF number, with the number in the body (kept out of URLs and access logs)',
  tags: ['beneficiaries'],
  security: bearer,
  middleware: personal,
  request: { body: jsonBody(CafSearchSchema) },
  responses: {
    200: json(
      z.object({ beneficiaries: z.array(BeneficiaryRecordSchema) }),
      'Matching records this key may see.',
    ),
    ...errorResponses(403, 413, 415),
  },
});

export function beneficiaryRoutes(deps: Deps) {
  // The same search whether the number comes in the query or, kept out of URLs, in the body; every search is audited.
  const searchByCaf = async (c: Context<AppEnv>, cafNumber: string) => {
    const found = await findByCafNumber(c.get('store'), deps.cipher, c.get('principal'), cafNumber);
    const ids = found.map((b) => b.id).join(',') || null;
    await audit(c.get('store'), c.get('principal'), 'search_caf', 'beneficiary', ids);
    return { beneficiaries: found };
  };

  return router()
    .openapi(create, async (c) => {
      const body = c.req.valid('json');
      const principal = c.get('principal');
      const id = await createBeneficiary(c.get('store'), deps.cipher, {
        associationId: owningAssociation(principal, body.associationId),
        person: body.person,
        facts: body.facts,
        birthDateCertainty: body.birthDateCertainty,
      });
      await audit(c.get('store'), principal, 'create', 'beneficiary', id);
      return c.json({ id }, 201);
    })
    .openapi(get, async (c) => {
      const { id } = c.req.valid('param');
      const record = await getBeneficiary(c.get('store'), deps.cipher, c.get('principal'), id);
      await audit(c.get('store'), c.get('principal'), 'read', 'beneficiary', id);
      return c.json(record, 200);
    })
    .openapi(find, async (c) => c.json(await searchByCaf(c, c.req.valid('query').cafNumber), 200))
    .openapi(search, async (c) => c.json(await searchByCaf(c, c.req.valid('json').cafNumber), 200))
    .openapi(rectify, async (c) => {
      const { id } = c.req.valid('param');
      const record = await rectifyBeneficiary(
        c.get('store'),
        deps.cipher,
        c.get('principal'),
        id,
        c.req.valid('json'),
      );
      await audit(c.get('store'), c.get('principal'), 'rectify', 'beneficiary', id);
      return c.json(record, 200);
    })
    .openapi(erase, async (c) => {
      const { id } = c.req.valid('param');
      await eraseBeneficiary(c.get('store'), c.get('principal'), id);
      await audit(c.get('store'), c.get('principal'), 'erase', 'beneficiary', id);
      return c.json({ id, erased: true as const }, 200);
    });
}
