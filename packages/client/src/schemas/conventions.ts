import { IsoDateSchema, nullable } from '@tremplins/domain';
import { z } from 'zod';
import { DateQuery, PeriodRefSchema } from './common.ts';

export const ConventionSummarySchema = z
  .object({ id: z.string(), title: z.string(), period: PeriodRefSchema, placesTotal: z.number().int() })
  .meta({ id: 'ConventionSummary' });

export const ConventionListSchema = z.object({ conventions: z.array(ConventionSummarySchema) });

export const FundingLineSchema = z.object({
  id: z.string(),
  label: z.string(),
  annualAmountCents: z.number().int(),
  period: nullable(PeriodRefSchema),
  amountCents: z.number().int(),
  declaredAmountCents: z.number().int(),
  articles: z.array(z.string()),
});

export const FundingSchema = z
  .object({
    conventionId: z.string(),
    year: z.number().int(),
    basis: z.enum(['months', 'days']),
    components: z.array(FundingLineSchema),
    totalCents: z.number().int(),
    declaredTotalCents: z.number().int(),
    articles: z.array(z.string()),
  })
  .meta({ id: 'FundingBreakdown' });

export const FundingQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const FindingSchema = z
  .object({
    id: z.string(),
    severity: z.enum(['info', 'warning', 'error']),
    message: z.string(),
    articles: z.array(z.string()),
    expected: z.union([z.number(), z.string()]),
    declared: z.union([z.number(), z.string()]),
  })
  .meta({ id: 'Finding' });

export const ConsistencySchema = z.object({ findings: z.array(FindingSchema) });

export const OccupancyQuery = z.object({
  from: DateQuery.optional(),
  to: DateQuery.optional(),
  asOf: DateQuery.optional(),
});

export const OccupancySchema = z
  .object({
    conventionId: z.string(),
    period: PeriodRefSchema,
    asOf: IsoDateSchema,
    days: z
      .number()
      .int()
      .meta({ description: 'Days of care (nights) recorded up to the night before asOf' }),
    capacityDays: z.number().int(),
    rate: z.number().nullable(),
    targetDays: z
      .number()
      .int()
      .meta({ description: 'The annual target of art. 11, whatever the period asked' }),
    targetRate: z.number(),
    projection: z.object({
      days: z.number().int(),
      rate: z.number().nullable(),
      targetRate: z.number(),
      basis: z.string(),
    }),
  })
  .meta({ id: 'Occupancy' });

export const DeadlinesQuery = z.object({
  asOf: DateQuery.optional(),
  withinDays: z.coerce.number().int().min(0).max(366).default(30),
});

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
  .meta({ id: 'Deadline' });

export const DeadlinesResponseSchema = z.object({
  conventionId: z.string(),
  asOf: IsoDateSchema,
  withinDays: z.number().int(),
  deadlines: z.array(DeadlineSchema),
});

export const TerminationRequestSchema = z.object({ noticeReceivedOn: IsoDateSchema }).strict();

export const TerminationSchema = z.object({ effectiveOn: IsoDateSchema, articles: z.array(z.string()) });

export type ConventionSummary = z.infer<typeof ConventionSummarySchema>;
export type ConventionList = z.infer<typeof ConventionListSchema>;
export type FundingLine = z.infer<typeof FundingLineSchema>;
export type FundingBreakdown = z.infer<typeof FundingSchema>;
export type Finding = z.infer<typeof FindingSchema>;
export type Consistency = z.infer<typeof ConsistencySchema>;
export type OccupancyReport = z.infer<typeof OccupancySchema>;
export type DeadlineKind = z.infer<typeof DeadlineKindSchema>;
export type Deadline = z.infer<typeof DeadlineSchema>;
export type DeadlinesResponse = z.infer<typeof DeadlinesResponseSchema>;
export type TerminationRequest = z.infer<typeof TerminationRequestSchema>;
export type Termination = z.infer<typeof TerminationSchema>;
