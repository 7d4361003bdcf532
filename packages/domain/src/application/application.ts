import { z } from 'zod';
import { IsoDateSchema } from '../calendar.ts';
import { nullable } from '../nullable.ts';
import { trimmedText } from '../text.ts';

/**
 * The admission commission's decision (art. 6). Only a person records it, with a rationale: the
 * engine's advice never stands in its place (GDPR art. 22, convention art. 13).
 */
export const CommissionDecisionSchema = z
  .object({
    decision: z.enum(['admitted', 'refused', 'deferred']),
    decidedBy: trimmedText(z.string().trim().min(1, 'must name the person recording the decision')),
    decidedOn: IsoDateSchema,
    rationale: trimmedText(z.string().trim().min(10, 'must explain the decision (at least 10 characters)')),
  })
  .strict()
  .meta({ id: 'CommissionDecision' });

/** A pre-admission request: the facts at the time, the engine's advice, then the commission's decision. */
export const ApplicationSchema = z
  .object({
    id: z.string().min(1),
    beneficiaryId: z.string().min(1),
    conventionId: z.string().min(1),
    submittedOn: IsoDateSchema,
    /** The rules' answer as it was given (kept as given, so the advice can be audited later). */
    advice: z.record(z.string(), z.unknown()),
    decision: nullable(CommissionDecisionSchema),
  })
  .strict()
  .meta({ id: 'Application' });

export type CommissionDecision = z.infer<typeof CommissionDecisionSchema>;
export type Application = z.infer<typeof ApplicationSchema>;
