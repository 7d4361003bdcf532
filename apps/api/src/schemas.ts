import { z } from '@hono/zod-openapi';
import { IsoDateSchema, PlaceCategorySchema } from '@tremplins/domain';

/**
 * The answers partners and the bot read most: places, occupancy and deadlines. The routes declare them,
 * the services' types are inferred from them, and the bot checks replies against them
 * (`@tremplins/api/schemas`), so the three cannot drift apart.
 */

export const CommuneRefSchema = z.object({ inseeCode: z.string(), name: z.string() }).openapi('CommuneRef');

export const PeriodRefSchema = z.object({ start: IsoDateSchema, end: IsoDateSchema });

export const PlaceViewSchema = z
  .object({
    id: z.string().openapi({ example: '2022-417-A01' }),
    conventionId: z.string(),
    category: PlaceCategorySchema,
    apartmentId: z.string().nullable(),
    apartmentLabel: z.string().nullable(),
    commune: CommuneRefSchema.nullable(),
    occupied: z.boolean(),
    occupiedBy: z
      .string()
      .optional()
      .openapi({ description: 'Pseudonymous id of the young person housed; absent for partner keys' }),
  })
  .openapi('PlaceView');

export const PlacesResponseSchema = z.object({ asOf: IsoDateSchema, places: z.array(PlaceViewSchema) });

export const OccupancySchema = z
  .object({
    conventionId: z.string(),
    period: PeriodRefSchema,
    asOf: IsoDateSchema,
    days: z
      .number()
      .int()
      .openapi({ description: 'Days of care (nights) recorded up to the night before asOf' }),
    capacityDays: z.number().int(),
    rate: z.number().nullable(),
    targetDays: z
      .number()
      .int()
      .openapi({ description: 'The annual target of art. 11, whatever the period asked' }),
    targetRate: z.number(),
    projection: z.object({
      days: z.number().int(),
      rate: z.number().nullable(),
      targetRate: z.number(),
      basis: z.string(),
    }),
  })
  .openapi('Occupancy');

export const DeadlineKindSchema = z.enum(['report_due', 'stay_ending', 'turns_18', 'turns_21']);

export const DeadlineSchema = z
  .object({
    kind: DeadlineKindSchema,
    dueOn: IsoDateSchema,
    label: z.string(),
    articles: z.array(z.string()),
    beneficiaryId: z.string().optional(),
    stayId: z.string().optional(),
    placeId: z.string().optional(),
  })
  .openapi('Deadline');

export const DeadlinesResponseSchema = z.object({
  conventionId: z.string(),
  asOf: IsoDateSchema,
  withinDays: z.number().int(),
  deadlines: z.array(DeadlineSchema),
});

export type CommuneRef = z.infer<typeof CommuneRefSchema>;
export type PlaceView = z.infer<typeof PlaceViewSchema>;
export type PlacesResponse = z.infer<typeof PlacesResponseSchema>;
export type OccupancyReport = z.infer<typeof OccupancySchema>;
export type DeadlineKind = z.infer<typeof DeadlineKindSchema>;
export type Deadline = z.infer<typeof DeadlineSchema>;
export type DeadlinesResponse = z.infer<typeof DeadlinesResponseSchema>;
