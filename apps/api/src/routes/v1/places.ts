import { createRoute } from '@hono/zod-openapi';
import { operations } from '@tremplins/client';
import type { Deps } from '../../deps.ts';
import { access } from '../../http/access-policy.ts';
import { audit } from '../../services/audit.ts';
import { assignPlaces, createApartment, listApartments, listPlaces } from '../../services/places.ts';
import { router } from '../router.ts';

export function placeRoutes(deps: Deps) {
  return router().openapi(
    createRoute({ ...operations.listPlaces, middleware: access('listPlaces') }),
    async (c) => {
      const asOf = c.req.valid('query').asOf ?? deps.today();
      return c.json({ asOf, places: await listPlaces(c.get('store'), c.get('principal'), asOf) }, 200);
    },
  );
}

export function apartmentRoutes() {
  return router()
    .openapi(createRoute({ ...operations.listApartments, middleware: access('listApartments') }), async (c) =>
      c.json({ apartments: await listApartments(c.get('store')) }, 200),
    )
    .openapi(
      createRoute({ ...operations.createApartment, middleware: access('createApartment') }),
      async (c) => {
        const apartment = await createApartment(c.get('store'), c.get('principal'), c.req.valid('json'));
        await audit(c.get('store'), c.get('principal'), 'create', 'apartment', apartment.id);
        return c.json(apartment, 201);
      },
    )
    .openapi(createRoute({ ...operations.assignPlaces, middleware: access('assignPlaces') }), async (c) => {
      const { id } = c.req.valid('param');
      const apartment = await assignPlaces(
        c.get('store'),
        c.get('principal'),
        id,
        c.req.valid('json').placeIds,
      );
      await audit(c.get('store'), c.get('principal'), 'assign_places', 'apartment', id);
      return c.json(apartment, 200);
    });
}
