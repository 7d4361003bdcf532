import { IsoDateSchema } from '@tremplins/domain';
import { z } from 'zod';

/** Query dates: `YYYY-MM-DD`, validated as real calendar dates. */
export const DateQuery = IsoDateSchema;

/** The `{id}` of a convention (documented with an example). */
export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .meta({ param: { name: 'id', in: 'path' }, example: '2022-417' }),
});

/** The `{id}` of a stored record (apartment, beneficiary, application, stay, key). */
export const RecordIdParam = z.object({ id: z.string().min(1) });

export const CommuneRefSchema = z
  .object({ inseeCode: z.string(), name: z.string() })
  .meta({ id: 'CommuneRef' });

export const PeriodRefSchema = z.object({ start: IsoDateSchema, end: IsoDateSchema });

export type CommuneRef = z.infer<typeof CommuneRefSchema>;
export type PeriodRef = z.infer<typeof PeriodRefSchema>;
