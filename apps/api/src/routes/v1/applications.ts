import { createRoute, z } from '@hono/zod-openapi';
import { CommissionDecisionSchema, IsoDateSchema } from '@tremplins/domain';
import { EligibilityResultSchema } from '@tremplins/rules';
import type { Deps } from '../../deps.ts';
import { requireRole } from '../../http/middleware.ts';
import { bearer, errorResponses, json, jsonBody } from '../../http/responses.ts';
import { createApplication, decideApplication, getApplication } from '../../services/applications.ts';
import { audit } from '../../services/audit.ts';
import { router } from '../router.ts';

const ApplicationRecordSchema = z
  .object({
    id: z.string(),
    beneficiaryId: z.string(),
    associationId: z.string(),
    conventionId: z.string(),
    submittedOn: z.string(),
    /** The engine's advice; never a decision (GDPR art. 22). */
    advice: EligibilityResultSchema,
    decision: CommissionDecisionSchema.nullable(),
  })
  .openapi('ApplicationRecord');

const NewApplicationSchema = z
  .object({
    beneficiaryId: z.string().min(1),
    conventionId: z.string().min(1).default('2022-417'),
    submittedOn: IsoDateSchema.optional().meta({ description: 'Defaults to today (Europe/Paris)' }),
  })
  .strict()
  .openapi('NewApplication');

const DecisionInputSchema = CommissionDecisionSchema.extend({
  decidedOn: IsoDateSchema.optional().meta({ description: 'Defaults to today (Europe/Paris)' }),
})
  .strict()
  .openapi('DecisionInput');

const personal = requireRole('department', 'association');

const create = createRoute({
  method: 'post',
  path: '/',
  summary: 'Pre-admission: store the engine’s advice on a young person’s file',
  tags: ['applications'],
  security: bearer,
  middleware: personal,
  request: { body: jsonBody(NewApplicationSchema) },
  responses: {
    201: json(ApplicationRecordSchema, 'The application, undecided.'),
    ...errorResponses(403, 404, 413, 415),
  },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'An application, its advice and its decision',
  tags: ['applications'],
  security: bearer,
  middleware: personal,
  request: { params: z.object({ id: z.string().min(1) }) },
  responses: { 200: json(ApplicationRecordSchema, 'The application.'), ...errorResponses(403, 404) },
});

const decide = createRoute({
  method: 'post',
  path: '/{id}/decision',
  summary: 'The admission commission’s decision, by a named person with a rationale (art. 6; GDPR art. 22)',
  tags: ['applications'],
  security: bearer,
  middleware: personal,
  request: { params: z.object({ id: z.string().min(1) }), body: jsonBody(DecisionInputSchema) },
  responses: {
    200: json(
      ApplicationRecordSchema.extend({
        differsFromAdvice: z.boolean().nullable().openapi({
          description: 'The commission departed from the advice (null when the advice was undetermined)',
        }),
      }),
      'The decided application.',
    ),
    ...errorResponses(403, 404, 409, 413, 415),
  },
});

export function applicationRoutes(deps: Deps) {
  return router()
    .openapi(create, async (c) => {
      const body = c.req.valid('json');
      const record = await createApplication(c.get('store'), deps.cipher, c.get('principal'), {
        beneficiaryId: body.beneficiaryId,
        conventionId: body.conventionId,
        submittedOn: body.submittedOn ?? deps.today(),
      });
      await audit(c.get('store'), c.get('principal'), 'create', 'application', record.id);
      return c.json(record, 201);
    })
    .openapi(get, async (c) => {
      const { id } = c.req.valid('param');
      const record = await getApplication(c.get('store'), deps.cipher, c.get('principal'), id);
      await audit(c.get('store'), c.get('principal'), 'read', 'application', id);
      return c.json(record, 200);
    })
    .openapi(decide, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const record = await decideApplication(c.get('store'), deps.cipher, c.get('principal'), id, {
        ...body,
        decidedOn: body.decidedOn ?? deps.today(),
      });
      await audit(c.get('store'), c.get('principal'), 'decide', 'application', id);
      // Undetermined advice recommends nothing, so no decision differs from it.
      const advised = { eligible: 'admitted', ineligible: 'refused', undetermined: null }[
        record.advice.verdict
      ];
      const differsFromAdvice = advised === null ? null : record.decision?.decision !== advised;
      return c.json({ ...record, differsFromAdvice }, 200);
    });
}
