import { createRoute } from '@hono/zod-openapi';
import { operations } from '@tremplins/client';
import { checkConsistency, fundingBreakdown, terminationEffectiveOn, yearOf } from '@tremplins/domain';
import { evaluateReimbursement } from '@tremplins/rules';
import type { Deps } from '../../deps.ts';
import { access } from '../../http/access-policy.ts';
import { audited } from '../../http/audited.ts';
import { getConventionDocument, listConventionDocuments } from '../../services/conventions.ts';
import { deadlinesOf } from '../../services/deadlines.ts';
import { occupancyOf } from '../../services/occupancy.ts';
import { router } from '../router.ts';

export function conventionRoutes(deps: Deps) {
  return router()
    .openapi(
      createRoute({ ...operations.listConventions, middleware: access('listConventions') }),
      async (c) => {
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
      },
    )
    .openapi(createRoute({ ...operations.getConvention, middleware: access('getConvention') }), async (c) =>
      c.json(await getConventionDocument(c.get('store'), c.req.valid('param').id), 200),
    )
    .openapi(createRoute({ ...operations.getFunding, middleware: access('getFunding') }), async (c) => {
      const convention = await getConventionDocument(c.get('store'), c.req.valid('param').id);
      const { year } = c.req.valid('query');
      return c.json(fundingBreakdown(convention, year ?? yearOf(convention.period.start)), 200);
    })
    .openapi(
      createRoute({ ...operations.getConsistency, middleware: access('getConsistency') }),
      async (c) => {
        const convention = await getConventionDocument(c.get('store'), c.req.valid('param').id);
        return c.json({ findings: checkConsistency(convention) }, 200);
      },
    )
    .openapi(createRoute({ ...operations.getOccupancy, middleware: access('getOccupancy') }), async (c) => {
      const store = c.get('store');
      const convention = await getConventionDocument(store, c.req.valid('param').id);
      const query = c.req.valid('query');
      const period = { start: query.from ?? convention.period.start, end: query.to ?? convention.period.end };
      return c.json(await occupancyOf(store, convention, period, query.asOf ?? deps.today()), 200);
    })
    .openapi(createRoute({ ...operations.getDeadlines, middleware: access('getDeadlines') }), async (c) => {
      const store = c.get('store');
      const convention = await getConventionDocument(store, c.req.valid('param').id);
      const { asOf = deps.today(), withinDays } = c.req.valid('query');
      // Deadlines decrypt birth dates: the read is recorded like any read of personal data.
      const found = await audited(
        c,
        { operation: 'getDeadlines', action: 'read_deadlines', resource: 'beneficiary' },
        (scoped) => deadlinesOf(scoped, deps.cipher, c.get('principal'), convention, asOf, withinDays),
        (rows) => [...new Set(rows.flatMap((d) => (d.beneficiaryId ? [d.beneficiaryId] : [])))],
      );
      return c.json({ conventionId: convention.id, asOf, withinDays, deadlines: found }, 200);
    })
    .openapi(
      createRoute({ ...operations.computeTermination, middleware: access('computeTermination') }),
      async (c) => {
        const convention = await getConventionDocument(c.get('store'), c.req.valid('param').id);
        const { noticeReceivedOn } = c.req.valid('json');
        return c.json(
          {
            effectiveOn: terminationEffectiveOn(convention, noticeReceivedOn),
            articles: convention.termination.articles,
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({ ...operations.evaluateReimbursement, middleware: access('evaluateReimbursement') }),
      async (c) => {
        const { id } = c.req.valid('param');
        await getConventionDocument(c.get('store'), id);
        return c.json(await evaluateReimbursement(id, c.req.valid('json')), 200);
      },
    );
}
