import { ExitReasonSchema, IsoDateSchema, nullable } from '@tremplins/domain';
import { z } from 'zod';

export const StayRecordSchema = z
  .object({
    id: z.string(),
    beneficiaryId: z.string(),
    placeId: z.string(),
    category: z.enum(['adult', 'minor']),
    startOn: IsoDateSchema,
    plannedEndOn: IsoDateSchema,
    renewals: z.number().int(),
    endOn: nullable(IsoDateSchema),
    exitReason: nullable(ExitReasonSchema),
  })
  .meta({ id: 'StayRecord' });

export const NewStaySchema = z
  .object({ beneficiaryId: z.string().min(1), placeId: z.string().min(1), startOn: IsoDateSchema })
  .strict()
  .meta({ id: 'NewStay' });

export const StayExitSchema = z
  .object({ endOn: IsoDateSchema, reason: ExitReasonSchema })
  .strict()
  .meta({ id: 'StayExit' });

export type StayRecord = z.infer<typeof StayRecordSchema>;
export type NewStay = z.infer<typeof NewStaySchema>;
export type StayExit = z.infer<typeof StayExitSchema>;
