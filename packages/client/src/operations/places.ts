import { bearer, defineOperation, json, jsonBody } from '../operation.ts';
import { errorResponses } from '../problem.ts';
import { RecordIdParam } from '../schemas/common.ts';
import {
  ApartmentListSchema,
  ApartmentViewSchema,
  NewApartmentSchema,
  PlaceAssignmentSchema,
  PlacesQuery,
  PlacesResponseSchema,
} from '../schemas/places.ts';

export const listPlaces = defineOperation({
  method: 'get',
  path: '/v1/places',
  operationId: 'listPlaces',
  summary: 'The places that exist on a date, their apartment and whether they are taken',
  tags: ['places'],
  security: bearer,
  request: { query: PlacesQuery },
  responses: {
    200: json(PlacesResponseSchema, 'Places in id order.'),
    ...errorResponses(),
  },
});

export const listApartments = defineOperation({
  method: 'get',
  path: '/v1/apartments',
  operationId: 'listApartments',
  summary: 'The apartments recorded, with their places',
  tags: ['places'],
  security: bearer,
  responses: {
    200: json(ApartmentListSchema, 'Apartments.'),
    ...errorResponses(),
  },
});

/** Department and association keys only. */
export const createApartment = defineOperation({
  method: 'post',
  path: '/v1/apartments',
  operationId: 'createApartment',
  summary: 'Record an apartment (the convention does not say which place is where)',
  tags: ['places'],
  security: bearer,
  request: { body: jsonBody(NewApartmentSchema) },
  responses: { 201: json(ApartmentViewSchema, 'The apartment.'), ...errorResponses(403, 404, 413, 415) },
});

/** Department and association keys only. */
export const assignPlaces = defineOperation({
  method: 'put',
  path: '/v1/apartments/{id}/places',
  operationId: 'assignPlaces',
  summary: 'Put places in an apartment',
  tags: ['places'],
  security: bearer,
  request: { params: RecordIdParam, body: jsonBody(PlaceAssignmentSchema) },
  responses: {
    200: json(ApartmentViewSchema, 'The apartment and its places.'),
    ...errorResponses(403, 404, 409, 413, 415),
  },
});
