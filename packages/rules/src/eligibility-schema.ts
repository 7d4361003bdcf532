import { EligibilityFactsSchema, IsoDateSchema } from '@tremplins/domain';
import { z } from 'zod';

/** What `evaluateEligibility` takes: the domain's eligibility facts and an optional reference date. */
export const EligibilityRequestSchema = EligibilityFactsSchema.extend({
  /** Defaults to today in Europe/Paris. */
  referenceDate: IsoDateSchema.optional(),
})
  .strict()
  .meta({ id: 'EligibilityRequest' });

export const CheckOutcomeSchema = z.enum(['passed', 'failed', 'unknown']);

export const EligibilityCheckSchema = z
  .object({ id: z.string(), label: z.string(), article: z.string(), outcome: CheckOutcomeSchema })
  .meta({ id: 'EligibilityCheck' });

export const PriorityReasonSchema = z
  .object({ id: z.string(), label: z.string(), article: z.string(), weight: z.number().int() })
  .meta({ id: 'PriorityReason' });

export const EligibilityResultSchema = z
  .object({
    verdict: z.enum(['eligible', 'ineligible', 'undetermined']),
    category: z.enum(['minor', 'adult']).nullable(),
    age: z.number().int().nullable(),
    checks: z.array(EligibilityCheckSchema),
    /** Request field names to ask for, in the order of the rules. */
    missingFacts: z.array(z.string()),
    priority: z.object({ score: z.number().int(), reasons: z.array(PriorityReasonSchema) }),
    ruleSet: z.object({ id: z.string(), version: z.string() }),
  })
  .meta({ id: 'EligibilityResult' });

export type EligibilityRequest = z.input<typeof EligibilityRequestSchema>;
export type CheckOutcome = z.infer<typeof CheckOutcomeSchema>;
export type EligibilityCheck = z.infer<typeof EligibilityCheckSchema>;
export type PriorityReason = z.infer<typeof PriorityReasonSchema>;
export type EligibilityResult = z.infer<typeof EligibilityResultSchema>;
