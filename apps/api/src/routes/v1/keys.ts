import { createRoute } from '@hono/zod-openapi';
import { operations } from '@tremplins/client';
import { access } from '../../http/access-policy.ts';
import { ApiProblem } from '../../http/problem.ts';
import { createApiKey, revokeApiKey } from '../../services/api-keys.ts';
import { audit } from '../../services/audit.ts';
import { assertKnownAssociation } from '../../services/scope.ts';
import { router } from '../router.ts';

export function keyRoutes(onChange: () => void) {
  return router()
    .openapi(createRoute({ ...operations.createKey, middleware: access('createKey') }), async (c) => {
      const input = c.req.valid('json');
      // An association key belongs to an association that exists: a party that runs places.
      if (input.role === 'association' && input.associationId)
        await assertKnownAssociation(c.get('store'), input.associationId);
      const created = await createApiKey(c.get('store'), input);
      await audit(c.get('store'), c.get('principal'), 'create', 'api_key', created.id);
      return c.json(created, 201);
    })
    .openapi(createRoute({ ...operations.revokeKey, middleware: access('revokeKey') }), async (c) => {
      const { id } = c.req.valid('param');
      if (!(await revokeApiKey(c.get('store'), id))) throw new ApiProblem('not_found', 'no such active key');
      onChange();
      await audit(c.get('store'), c.get('principal'), 'revoke', 'api_key', id);
      return c.json({ id, revoked: true as const }, 200);
    });
}
