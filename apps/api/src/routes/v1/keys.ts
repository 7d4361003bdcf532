import { createRoute } from '@hono/zod-openapi';
import { operations } from '@tremplins/client';
import { access } from '../../http/access-policy.ts';
import { audited } from '../../http/audited.ts';
import { ApiProblem } from '../../http/problem.ts';
import { createApiKey, revokeApiKey } from '../../services/api-keys.ts';
import { assertKnownAssociation } from '../../services/scope.ts';
import { router } from '../router.ts';

export function keyRoutes(onChange: () => void) {
  return router()
    .openapi(createRoute({ ...operations.createKey, middleware: access('createKey') }), async (c) => {
      const input = c.req.valid('json');
      // An association key belongs to an association that exists: a party that runs places.
      if (input.role === 'association' && input.associationId)
        await assertKnownAssociation(c.get('store'), input.associationId);
      const created = await audited(
        c,
        { operation: 'createKey', action: 'create', resource: 'api_key' },
        (store) => createApiKey(store, input),
        (k) => k.id,
      );
      return c.json(created, 201);
    })
    .openapi(createRoute({ ...operations.revokeKey, middleware: access('revokeKey') }), async (c) => {
      const { id } = c.req.valid('param');
      await audited(
        c,
        { operation: 'revokeKey', action: 'revoke', resource: 'api_key' },
        async (store) => {
          if (!(await revokeApiKey(store, id))) throw new ApiProblem('not_found', 'no such active key');
        },
        () => id,
      );
      onChange();
      return c.json({ id, revoked: true as const }, 200);
    });
}
