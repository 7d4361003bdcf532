import { createRoute } from '@hono/zod-openapi';
import { operations } from '@tremplins/client';
import type { Deps } from '../../deps.ts';
import { access } from '../../http/access-policy.ts';
import { audit } from '../../services/audit.ts';
import { createStay, exitStay, getStay, renewStay } from '../../services/stays.ts';
import { router } from '../router.ts';

export function stayRoutes(deps: Deps) {
  return router()
    .openapi(createRoute({ ...operations.createStay, middleware: access('createStay') }), async (c) => {
      const stay = await createStay(c.get('store'), deps.cipher, c.get('principal'), c.req.valid('json'));
      await audit(c.get('store'), c.get('principal'), 'create', 'stay', stay.id);
      return c.json(stay, 201);
    })
    .openapi(createRoute({ ...operations.getStay, middleware: access('getStay') }), async (c) => {
      const stay = await getStay(c.get('store'), deps.cipher, c.get('principal'), c.req.valid('param').id);
      return c.json(stay, 200);
    })
    .openapi(createRoute({ ...operations.renewStay, middleware: access('renewStay') }), async (c) => {
      const stay = await renewStay(c.get('store'), deps.cipher, c.get('principal'), c.req.valid('param').id);
      await audit(c.get('store'), c.get('principal'), 'renew', 'stay', stay.id);
      return c.json(stay, 200);
    })
    .openapi(createRoute({ ...operations.exitStay, middleware: access('exitStay') }), async (c) => {
      const stay = await exitStay(c.get('store'), deps.cipher, c.get('principal'), c.req.valid('param').id, {
        ...c.req.valid('json'),
        today: deps.today(),
      });
      await audit(c.get('store'), c.get('principal'), 'exit', 'stay', stay.id);
      return c.json(stay, 200);
    });
}
