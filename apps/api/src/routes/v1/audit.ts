import { createRoute } from '@hono/zod-openapi';
import { operations } from '@tremplins/client';
import { access } from '../../http/access-policy.ts';
import { queryAudit } from '../../services/audit.ts';
import { router } from '../router.ts';

export function auditRoutes() {
  return router().openapi(
    createRoute({ ...operations.listAuditEvents, middleware: access('listAuditEvents') }),
    async (c) => c.json(await queryAudit(c.get('store'), c.req.valid('query')), 200),
  );
}
