import { IsoDateSchema, nullable, PlaceCategorySchema, trimmedText } from '@tremplins/domain';
import { z } from 'zod';
import { CommuneRefSchema, DateQuery } from './common.ts';

export const PlaceViewSchema = z
  .object({
    id: z.string().meta({ example: '2022-417-A01' }),
    conventionId: z.string(),
    category: PlaceCategorySchema,
    apartmentId: z.string().nullable(),
    apartmentLabel: z.string().nullable(),
    commune: nullable(CommuneRefSchema),
    occupied: z.boolean(),
    occupiedBy: z
      .string()
      .optional()
      .meta({ description: 'Pseudonymous id of the young person housed; absent for partner keys' }),
  })
  .meta({ id: 'PlaceView' });

export const PlacesQuery = z.object({ asOf: DateQuery.optional() });

export const PlacesResponseSchema = z.object({ asOf: IsoDateSchema, places: z.array(PlaceViewSchema) });

export const ApartmentViewSchema = z
  .object({
    id: z.string(),
    conventionId: z.string(),
    label: z.string(),
    commune: CommuneRefSchema,
    operator: z.string(),
    placeIds: z.array(z.string()),
  })
  .meta({ id: 'ApartmentView' });

export const ApartmentListSchema = z.object({ apartments: z.array(ApartmentViewSchema) });

export const NewApartmentSchema = z
  .object({
    conventionId: z.string().min(1).default('2022-417'),
    label: trimmedText(z.string().trim().min(1).max(200)).meta({
      description: 'How staff name it; not an address',
    }),
    commune: trimmedText(z.string().trim().min(1)).meta({
      description: 'INSEE code or commune name',
      example: 'Oignies',
    }),
    operator: z.string().min(1).optional(),
  })
  .strict()
  .meta({ id: 'NewApartment' });

export const PlaceAssignmentSchema = z
  .object({ placeIds: z.array(z.string().min(1)).min(1).max(50) })
  .strict();

export type PlaceView = z.infer<typeof PlaceViewSchema>;
export type PlacesResponse = z.infer<typeof PlacesResponseSchema>;
export type ApartmentView = z.infer<typeof ApartmentViewSchema>;
export type ApartmentList = z.infer<typeof ApartmentListSchema>;
export type NewApartment = z.input<typeof NewApartmentSchema>;
export type PlaceAssignment = z.infer<typeof PlaceAssignmentSchema>;
