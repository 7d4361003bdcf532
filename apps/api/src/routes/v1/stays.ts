import { createRoute, z } from '@hono/zod-openapi';
import { ExitReasonSchema, IsoDateSchema } from '@tremplins/domain';
import type { Deps } from '../../deps.ts';
import { requireRole } from '../../http/middleware.ts';
import { bearer, errorResponses, json, jsonBody } from '../../http/responses.ts';
import { audit } from '../../services/audit.ts';
import { createStay, exitStay, getStay, renewStay } from '../../services/stays.ts';
import { router } from '../router.ts';

const StayRecordSchema = z
  .object({
    id: z.string(),
    beneficiaryId: z.string(),
    placeId: z.string(),
    category: z.enum(['adult', 'minor']),
    startOn: z.string(),
    plannedEndOn: z.string(),
    renewals: z.number().int(),
    endOn: z.string().nullable(),
    exitReason: z.string().nullable(),
  })
  .openapi('StayRecord');

const NewStaySchema = z
  .object({ beneficiaryId: z.string().min(1), placeId: z.string().min(1), startOn: IsoDateSchema })
  .strict()
  .openapi('NewStay');

const ExitSchema = z.object({ endOn: IsoDateSchema, reason: ExitReasonSchema }).strict().openapi('StayExit');

const personal = requireRole('department', 'association');
const IdParam = z.object({ id: z.string().min(1) });

const create = createRoute({
  method: 'post',
  path: '/',
  summary: 'Register an entry in a place',
  description:
    '409 when the place or the young person is already in a stay on `startOn`, or the place’s category does not fit the age on `startOn`; 422 when not eligible (the failed checks are in `checks`) or when facts are missing (`missingFacts`).',
  tags: ['stays'],
  security: bearer,
  middleware: personal,
  request: { body: jsonBody(NewStaySchema) },
  responses: {
    201: json(StayRecordSchema, 'The stay and its planned end.'),
    ...errorResponses(403, 404, 409, 413, 415, 422),
  },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'A stay',
  tags: ['stays'],
  security: bearer,
  middleware: personal,
  request: { params: IdParam },
  responses: { 200: json(StayRecordSchema, 'The stay.'), ...errorResponses(403, 404) },
});

const renew = createRoute({
  method: 'post',
  path: '/{id}/renewal',
  summary: 'Renew a stay (one renewal of 3 months, chained)',
  tags: ['stays'],
  security: bearer,
  middleware: personal,
  request: { params: IdParam },
  responses: { 200: json(StayRecordSchema, 'The renewed stay.'), ...errorResponses(403, 404, 409) },
});

const exit = createRoute({
  method: 'post',
  path: '/{id}/exit',
  summary: 'Record an exit: the young person leaves on `endOn` (that night is not a day of care)',
  tags: ['stays'],
  security: bearer,
  middleware: personal,
  request: { params: IdParam, body: jsonBody(ExitSchema) },
  responses: { 200: json(StayRecordSchema, 'The ended stay.'), ...errorResponses(403, 404, 409, 413, 415) },
});

export function stayRoutes(deps: Deps) {
  return router()
    .openapi(create, async (c) => {
      const stay = await createStay(c.get('store'), deps.cipher, c.get('principal'), c.req.valid('json'));
      await audit(c.get('store'), c.get('principal'), 'create', 'stay', stay.id);
      return c.json(stay, 201);
    })
    .openapi(get, async (c) => {
      const stay = await getStay(c.get('store'), deps.cipher, c.get('principal'), c.req.valid('param').id);
      return c.json(stay, 200);
    })
    .openapi(renew, async (c) => {
      const stay = await renewStay(c.get('store'), deps.cipher, c.get('principal'), c.req.valid('param').id);
      await audit(c.get('store'), c.get('principal'), 'renew', 'stay', stay.id);
      return c.json(stay, 200);
    })
    .openapi(exit, async (c) => {
      const stay = await exitStay(c.get('store'), deps.cipher, c.get('principal'), c.req.valid('param').id, {
        ...c.req.valid('json'),
        today: deps.today(),
      });
      await audit(c.get('store'), c.get('principal'), 'exit', 'stay', stay.id);
      return c.json(stay, 200);
    });
}
