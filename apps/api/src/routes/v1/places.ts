import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../../deps.ts';
import { requireRole } from '../../http/middleware.ts';
import { bearer, errorResponses, json, jsonBody } from '../../http/responses.ts';
import { DateQuery } from '../../http/schemas.ts';
import { CommuneRefSchema, PlacesResponseSchema } from '../../schemas.ts';
import { audit } from '../../services/audit.ts';
import { assignPlaces, createApartment, listApartments, listPlaces } from '../../services/places.ts';
import { router } from '../router.ts';

const ApartmentViewSchema = z
  .object({
    id: z.string(),
    conventionId: z.string(),
    label: z.string(),
    commune: CommuneRefSchema,
    operator: z.string(),
    placeIds: z.array(z.string()),
  })
  .openapi('ApartmentView');

const NewApartmentSchema = z
  .object({
    conventionId: z.string().min(1).default('2022-417'),
    label: z.string().trim().min(1).max(200).openapi({ description: 'How staff name it; not an address' }),
    commune: z
      .string()
      .trim()
      .min(1)
      .openapi({ description: 'INSEE code or commune name', example: 'Oignies' }),
    operator: z.string().min(1).optional(),
  })
  .strict()
  .openapi('NewApartment');

const listPlacesRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'The places that exist on a date, their apartment and whether they are taken',
  tags: ['places'],
  security: bearer,
  request: { query: z.object({ asOf: DateQuery.optional() }) },
  responses: {
    200: json(PlacesResponseSchema, 'Places in id order.'),
    ...errorResponses(),
  },
});

const listApartmentsRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'The apartments recorded, with their places',
  tags: ['places'],
  security: bearer,
  responses: {
    200: json(z.object({ apartments: z.array(ApartmentViewSchema) }), 'Apartments.'),
    ...errorResponses(),
  },
});

const createApartmentRoute = createRoute({
  method: 'post',
  path: '/',
  summary: 'Record an apartment (the convention does not say which place is where)',
  tags: ['places'],
  security: bearer,
  middleware: requireRole('department', 'association'),
  request: { body: jsonBody(NewApartmentSchema) },
  responses: { 201: json(ApartmentViewSchema, 'The apartment.'), ...errorResponses(403, 404, 413, 415) },
});

const assignRoute = createRoute({
  method: 'put',
  path: '/{id}/places',
  summary: 'Put places in an apartment',
  tags: ['places'],
  security: bearer,
  middleware: requireRole('department', 'association'),
  request: {
    params: z.object({ id: z.string().min(1) }),
    body: jsonBody(z.object({ placeIds: z.array(z.string().min(1)).min(1).max(50) }).strict()),
  },
  responses: {
    200: json(ApartmentViewSchema, 'The apartment and its places.'),
    ...errorResponses(403, 404, 413, 415),
  },
});

export function placeRoutes(deps: Deps) {
  return router().openapi(listPlacesRoute, async (c) => {
    const asOf = c.req.valid('query').asOf ?? deps.today();
    return c.json({ asOf, places: await listPlaces(c.get('store'), c.get('principal'), asOf) }, 200);
  });
}

export function apartmentRoutes() {
  return router()
    .openapi(listApartmentsRoute, async (c) =>
      c.json({ apartments: await listApartments(c.get('store')) }, 200),
    )
    .openapi(createApartmentRoute, async (c) => {
      const apartment = await createApartment(c.get('store'), c.req.valid('json'));
      await audit(c.get('store'), c.get('principal'), 'create', 'apartment', apartment.id);
      return c.json(apartment, 201);
    })
    .openapi(assignRoute, async (c) => {
      const { id } = c.req.valid('param');
      const apartment = await assignPlaces(c.get('store'), id, c.req.valid('json').placeIds);
      await audit(c.get('store'), c.get('principal'), 'assign_places', 'apartment', id);
      return c.json(apartment, 200);
    });
}
