import { CommissionDecisionSchema, IsoDateSchema, nullable } from '@tremplins/domain';
import { EligibilityResultSchema } from '@tremplins/rules';
import { z } from 'zod';

export const ApplicationRecordSchema = z
  .object({
    id: z.string(),
    beneficiaryId: z.string(),
    associationId: z.string(),
    conventionId: z.string(),
    submittedOn: IsoDateSchema,
    /** The engine's advice; never a decision (GDPR art. 22). */
    advice: EligibilityResultSchema,
    decision: nullable(CommissionDecisionSchema),
  })
  .meta({ id: 'ApplicationRecord' });

export const NewApplicationSchema = z
  .object({
    beneficiaryId: z.string().min(1),
    conventionId: z.string().min(1).default('2022-417'),
    submittedOn: IsoDateSchema.optional().meta({ description: 'Defaults to today (Europe/Paris)' }),
  })
  .strict()
  .meta({ id: 'NewApplication' });

export const DecisionInputSchema = CommissionDecisionSchema.extend({
  decidedOn: IsoDateSchema.optional().meta({ description: 'Defaults to today (Europe/Paris)' }),
})
  .strict()
  .meta({ id: 'DecisionInput' });

/**
 * The application once decided. An intersection rather than `.extend()`, so /openapi.json shows it as
 * `allOf: [ApplicationRecord, { differsFromAdvice }]` (plain zod's `.extend()` would inline every field).
 */
export const DecidedApplicationSchema = z.intersection(
  ApplicationRecordSchema,
  z.object({
    differsFromAdvice: z.boolean().nullable().meta({
      description: 'The commission departed from the advice (null when the advice was undetermined)',
    }),
  }),
);

export type ApplicationRecord = z.infer<typeof ApplicationRecordSchema>;
export type NewApplication = z.input<typeof NewApplicationSchema>;
export type DecisionInput = z.infer<typeof DecisionInputSchema>;
export type DecidedApplication = z.infer<typeof DecidedApplicationSchema>;
