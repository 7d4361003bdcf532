import { createRoute } from '@hono/zod-openapi';
import { operations } from '@tremplins/client';
import type { Deps } from '../../deps.ts';
import { access } from '../../http/access-policy.ts';
import { audited } from '../../http/audited.ts';
import { createStay, exitStay, getStay, renewStay } from '../../services/stays.ts';
import { router } from '../router.ts';

const stayId = (stay: { id: string }) => stay.id;

export function stayRoutes(deps: Deps) {
  return router()
    .openapi(createRoute({ ...operations.createStay, middleware: access('createStay') }), async (c) => {
      const stay = await audited(
        c,
        { operation: 'createStay', action: 'create', resource: 'stay' },
        (store) => createStay(store, deps.cipher, c.get('principal'), c.req.valid('json')),
        stayId,
      );
      return c.json(stay, 201);
    })
    .openapi(createRoute({ ...operations.getStay, middleware: access('getStay') }), async (c) => {
      const stay = await audited(
        c,
        { operation: 'getStay', action: 'read', resource: 'stay' },
        (store) => getStay(store, deps.cipher, c.get('principal'), c.req.valid('param').id),
        stayId,
      );
      return c.json(stay, 200);
    })
    .openapi(createRoute({ ...operations.renewStay, middleware: access('renewStay') }), async (c) => {
      const stay = await audited(
        c,
        { operation: 'renewStay', action: 'renew', resource: 'stay' },
        (store) => renewStay(store, deps.cipher, c.get('principal'), c.req.valid('param').id),
        stayId,
      );
      return c.json(stay, 200);
    })
    .openapi(createRoute({ ...operations.exitStay, middleware: access('exitStay') }), async (c) => {
      const stay = await audited(
        c,
        { operation: 'exitStay', action: 'exit', resource: 'stay' },
        (store) =>
          exitStay(store, deps.cipher, c.get('principal'), c.req.valid('param').id, {
            ...c.req.valid('json'),
            today: deps.today(),
          }),
        stayId,
      );
      return c.json(stay, 200);
    });
}
