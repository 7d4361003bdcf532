import { createRoute } from '@hono/zod-openapi';
import { operations } from '@tremplins/client';
import type { Deps } from '../../deps.ts';
import { access } from '../../http/access-policy.ts';
import { audited } from '../../http/audited.ts';
import { assignPlaces, createApartment, listApartments, listPlaces } from '../../services/places.ts';
import { router } from '../router.ts';

export function placeRoutes(deps: Deps) {
  return router().openapi(
    createRoute({ ...operations.listPlaces, middleware: access('listPlaces') }),
    async (c) => {
      const asOf = c.req.valid('query').asOf ?? deps.today();
      const principal = c.get('principal');
      // Who occupies a place is pseudonymised personal data: staff keys see it, and the read is recorded.
      const places =
        principal.role === 'partner'
          ? await listPlaces(c.get('store'), principal, asOf)
          : await audited(
              c,
              { operation: 'listPlaces', action: 'read_occupants', resource: 'beneficiary' },
              (store) => listPlaces(store, principal, asOf),
              (rows) => rows.flatMap((p) => (p.occupiedBy ? [p.occupiedBy] : [])),
            );
      return c.json({ asOf, places }, 200);
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
        const apartment = await audited(
          c,
          { operation: 'createApartment', action: 'create', resource: 'apartment' },
          (store) => createApartment(store, c.get('principal'), c.req.valid('json')),
          (a) => a.id,
        );
        return c.json(apartment, 201);
      },
    )
    .openapi(createRoute({ ...operations.assignPlaces, middleware: access('assignPlaces') }), async (c) => {
      const { id } = c.req.valid('param');
      const apartment = await audited(
        c,
        { operation: 'assignPlaces', action: 'assign_places', resource: 'apartment' },
        (store) => assignPlaces(store, c.get('principal'), id, c.req.valid('json').placeIds),
        () => id,
      );
      return c.json(apartment, 200);
    });
}
