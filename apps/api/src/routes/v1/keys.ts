import { createRoute } from '@hono/zod-openapi';
import { operations } from '@tremplins/client';
import { requireRole } from '../../http/middleware.ts';
import { ApiProblem } from '../../http/problem.ts';
import { createApiKey, revokeApiKey } from '../../services/api-keys.ts';
import { audit } from '../../services/audit.ts';
import { router } from '../router.ts';

const department = requireRole('department');

export function keyRoutes(onChange: () => void) {
  return router()
    .openapi(createRoute({ ...operations.createKey, middleware: department }), async (c) => {
      const created = await createApiKey(c.get('store'), c.req.valid('json'));
      await audit(c.get('store'), c.get('principal'), 'create', 'api_key', created.id);
      return c.json(created, 201);
    })
    .openapi(createRoute({ ...operations.revokeKey, middleware: department }), async (c) => {
      const { id } = c.req.valid('param');
      if (!(await revokeApiKey(c.get('store'), id))) throw new ApiProblem('not_found', `no active key ${id}`);
      onChange();
      await audit(c.get('store'), c.get('principal'), 'revoke', 'api_key', id);
      return c.json({ id, revoked: true as const }, 200);
    });
}
