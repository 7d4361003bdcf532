import { createRoute, z } from '@hono/zod-openapi';
import {
  ConventionSchema,
  checkConsistency,
  fundingBreakdown,
  IsoDateSchema,
  terminationEffectiveOn,
  yearOf,
} from '@tremplins/domain';
import {
  evaluateReimbursement,
  ReimbursementFindingsSchema,
  ReimbursementResultSchema,
} from '@tremplins/rules';
import type { Deps } from '../../deps.ts';
import { requireRole } from '../../http/middleware.ts';
import { bearer, errorResponses, json, jsonBody } from '../../http/responses.ts';
import { DateQuery, IdParam } from '../../http/schemas.ts';
import { DeadlinesResponseSchema, OccupancySchema, PeriodRefSchema } from '../../schemas.ts';
import { audit } from '../../services/audit.ts';
import { getConventionDocument, listConventionDocuments } from '../../services/conventions.ts';
import { deadlinesOf } from '../../services/deadlines.ts';
import { occupancyOf } from '../../services/occupancy.ts';
import { router } from '../router.ts';

const ConventionSummarySchema = z
  .object({ id: z.string(), title: z.string(), period: PeriodRefSchema, placesTotal: z.number().int() })
  .openapi('ConventionSummary');

const FundingLineSchema = z.object({
  id: z.string(),
  label: z.string(),
  annualAmountCents: z.number().int(),
  period: PeriodRefSchema.nullable(),
  amountCents: z.number().int(),
  declaredAmountCents: z.number().int(),
  articles: z.array(z.string()),
});

const FundingSchema = z
  .object({
    conventionId: z.string(),
    year: z.number().int(),
    basis: z.enum(['months', 'days']),
    components: z.array(FundingLineSchema),
    totalCents: z.number().int(),
    declaredTotalCents: z.number().int(),
    articles: z.array(z.string()),
  })
  .openapi('FundingBreakdown');

const FindingSchema = z
  .object({
    id: z.string(),
    severity: z.enum(['info', 'warning', 'error']),
    message: z.string(),
    articles: z.array(z.string()),
    expected: z.union([z.number(), z.string()]),
    declared: z.union([z.number(), z.string()]),
  })
  .openapi('Finding');

const list = createRoute({
  method: 'get',
  path: '/',
  summary: 'The conventions this service runs',
  tags: ['conventions'],
  security: bearer,
  responses: {
    200: json(z.object({ conventions: z.array(ConventionSummarySchema) }), 'Conventions.'),
    ...errorResponses(),
  },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'A convention, every figure with its article',
  tags: ['conventions'],
  security: bearer,
  request: { params: IdParam },
  responses: { 200: json(ConventionSchema, 'The convention.'), ...errorResponses(404) },
});

const funding = createRoute({
  method: 'get',
  path: '/{id}/funding',
  summary: 'Funding of a year: total and components, prorated on the convention’s basis',
  tags: ['conventions'],
  security: bearer,
  request: {
    params: IdParam,
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
  },
  responses: { 200: json(FundingSchema, 'Amounts in cents.'), ...errorResponses(404) },
});

const consistency = createRoute({
  method: 'get',
  path: '/{id}/consistency',
  summary: 'The convention’s own figures checked against each other',
  tags: ['conventions'],
  security: bearer,
  request: { params: IdParam },
  responses: {
    200: json(z.object({ findings: z.array(FindingSchema) }), 'Findings.'),
    ...errorResponses(404),
  },
});

const occupancy = createRoute({
  method: 'get',
  path: '/{id}/occupancy',
  summary: 'Days of care from the stored stays, against capacity and the activity target (art. 11)',
  tags: ['conventions'],
  security: bearer,
  request: {
    params: IdParam,
    query: z.object({ from: DateQuery.optional(), to: DateQuery.optional(), asOf: DateQuery.optional() }),
  },
  responses: { 200: json(OccupancySchema, 'Occupancy and its projection.'), ...errorResponses(404) },
});

const deadlines = createRoute({
  method: 'get',
  path: '/{id}/deadlines',
  summary: 'What falls due: reports, stay ends, 18th and 21st birthdays (pseudonymous ids only)',
  tags: ['conventions'],
  security: bearer,
  middleware: requireRole('department', 'association'),
  request: {
    params: IdParam,
    query: z.object({
      asOf: DateQuery.optional(),
      withinDays: z.coerce.number().int().min(0).max(366).default(30),
    }),
  },
  responses: {
    200: json(DeadlinesResponseSchema, 'Deadlines in date order.'),
    ...errorResponses(403, 404),
  },
});

const termination = createRoute({
  method: 'post',
  path: '/{id}/termination',
  summary: 'When a termination notice takes effect (art. 17)',
  tags: ['conventions'],
  security: bearer,
  middleware: requireRole('department', 'association'),
  request: { params: IdParam, body: jsonBody(z.object({ noticeReceivedOn: IsoDateSchema }).strict()) },
  responses: {
    200: json(z.object({ effectiveOn: z.string(), articles: z.array(z.string()) }), 'Effective date.'),
    ...errorResponses(403, 404, 413, 415),
  },
});

const reimbursement = createRoute({
  method: 'post',
  path: '/{id}/reimbursement',
  summary: 'Which reimbursement triggers of art. 14 hold, and for how much',
  tags: ['conventions'],
  security: bearer,
  middleware: requireRole('department', 'association'),
  request: { params: IdParam, body: jsonBody(ReimbursementFindingsSchema) },
  responses: {
    200: json(ReimbursementResultSchema, 'The rules package’s result.'),
    ...errorResponses(403, 404, 413, 415),
  },
});

export function conventionRoutes(deps: Deps) {
  return router()
    .openapi(list, async (c) => {
      const all = await listConventionDocuments(c.get('store'));
      return c.json(
        {
          conventions: all.map((cv) => ({
            id: cv.id,
            title: cv.title,
            period: cv.period,
            placesTotal: Math.max(...cv.capacity.map((s) => s.total)),
          })),
        },
        200,
      );
    })
    .openapi(get, async (c) =>
      c.json(await getConventionDocument(c.get('store'), c.req.valid('param').id), 200),
    )
    .openapi(funding, async (c) => {
      const convention = await getConventionDocument(c.get('store'), c.req.valid('param').id);
      const { year } = c.req.valid('query');
      return c.json(fundingBreakdown(convention, year ?? yearOf(convention.period.start)), 200);
    })
    .openapi(consistency, async (c) => {
      const convention = await getConventionDocument(c.get('store'), c.req.valid('param').id);
      return c.json({ findings: checkConsistency(convention) }, 200);
    })
    .openapi(occupancy, async (c) => {
      const store = c.get('store');
      const convention = await getConventionDocument(store, c.req.valid('param').id);
      const query = c.req.valid('query');
      const period = { start: query.from ?? convention.period.start, end: query.to ?? convention.period.end };
      return c.json(await occupancyOf(store, convention, period, query.asOf ?? deps.today()), 200);
    })
    .openapi(deadlines, async (c) => {
      const store = c.get('store');
      const convention = await getConventionDocument(store, c.req.valid('param').id);
      const { asOf = deps.today(), withinDays } = c.req.valid('query');
      const found = await deadlinesOf(store, deps.cipher, c.get('principal'), convention, asOf, withinDays);
      // Deadlines decrypt birth dates: the read is recorded like any read of personal data.
      await audit(store, c.get('principal'), 'read_deadlines', 'convention', convention.id);
      return c.json({ conventionId: convention.id, asOf, withinDays, deadlines: found }, 200);
    })
    .openapi(termination, async (c) => {
      const convention = await getConventionDocument(c.get('store'), c.req.valid('param').id);
      const { noticeReceivedOn } = c.req.valid('json');
      return c.json(
        {
          effectiveOn: terminationEffectiveOn(convention, noticeReceivedOn),
          articles: convention.termination.articles,
        },
        200,
      );
    })
    .openapi(reimbursement, async (c) => {
      const { id } = c.req.valid('param');
      await getConventionDocument(c.get('store'), id);
      return c.json(await evaluateReimbursement(id, c.req.valid('json')), 200);
    });
}
