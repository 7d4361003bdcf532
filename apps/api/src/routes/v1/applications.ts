import { createRoute } from '@hono/zod-openapi';
import { operations } from '@tremplins/client';
import type { Deps } from '../../deps.ts';
import { access } from '../../http/access-policy.ts';
import { audited } from '../../http/audited.ts';
import { createApplication, decideApplication, getApplication } from '../../services/applications.ts';
import { router } from '../router.ts';

export function applicationRoutes(deps: Deps) {
  return router()
    .openapi(
      createRoute({ ...operations.createApplication, middleware: access('createApplication') }),
      async (c) => {
        const body = c.req.valid('json');
        const record = await audited(
          c,
          { operation: 'createApplication', action: 'create', resource: 'application' },
          (store) =>
            createApplication(store, deps.cipher, c.get('principal'), {
              beneficiaryId: body.beneficiaryId,
              conventionId: body.conventionId,
              submittedOn: body.submittedOn ?? deps.today(),
            }),
          (r: { id: string }) => r.id,
        );
        return c.json(record, 201);
      },
    )
    .openapi(
      createRoute({ ...operations.getApplication, middleware: access('getApplication') }),
      async (c) => {
        const { id } = c.req.valid('param');
        const record = await audited(
          c,
          { operation: 'getApplication', action: 'read', resource: 'application' },
          (store) => getApplication(store, deps.cipher, c.get('principal'), id),
          () => id,
        );
        return c.json(record, 200);
      },
    )
    .openapi(
      createRoute({ ...operations.decideApplication, middleware: access('decideApplication') }),
      async (c) => {
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const record = await audited(
          c,
          { operation: 'decideApplication', action: 'decide', resource: 'application' },
          (store) =>
            decideApplication(store, deps.cipher, c.get('principal'), id, {
              ...body,
              decidedOn: body.decidedOn ?? deps.today(),
            }),
          () => id,
        );
        // Undetermined advice recommends nothing, so no decision differs from it.
        const advised = { eligible: 'admitted', ineligible: 'refused', undetermined: null }[
          record.advice.verdict
        ];
        const differsFromAdvice = advised === null ? null : record.decision?.decision !== advised;
        return c.json({ ...record, differsFromAdvice }, 200);
      },
    );
}
