import {
  fromZodError,
  getConvention,
  type ReportingDeadline,
  reportingDeadline,
  yearOf,
} from '@tremplins/domain';
import { z } from 'zod';
import type { EligibilityCheck } from './eligibility-schema.ts';
import { checkOutcome, type EngineChoice, preparedRuleSetFor, runRules } from './rule-sets.ts';

export const PaymentFactsSchema = z
  .object({
    signedByAllParties: z.boolean().optional(),
    bankDetailsProvided: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'PaymentFacts' });

export type PaymentFacts = z.input<typeof PaymentFactsSchema>;

export interface DutiesResult {
  /** Whether the single payment of art. 10 can be made; `null` while a precondition is unknown. */
  payable: boolean | null;
  checks: EligibilityCheck[];
  missingFacts: string[];
  /** Art. 12: the documents due for the convention's financial year. */
  reporting: ReportingDeadline;
}

/** The convention's duties: payment preconditions (art. 10) and the reporting deadline (art. 12). */
export async function evaluateDuties(
  conventionId: string,
  facts: PaymentFacts,
  options: { engine?: EngineChoice } = {},
): Promise<DutiesResult> {
  const convention = getConvention(conventionId);
  const parsed = PaymentFactsSchema.safeParse(facts);
  if (!parsed.success) throw fromZodError(parsed.error);
  const prepared = preparedRuleSetFor(conventionId);
  const outcomes = prepared ? await runRules(prepared, 'payment', parsed.data, options.engine) : [];
  const checks = outcomes.map((o) => ({
    id: o.rule.id,
    label: o.rule.label,
    article: o.rule.article,
    outcome: checkOutcome(o),
  }));
  const missingFacts = [
    ...new Set(outcomes.flatMap((o) => (checkOutcome(o) === 'unknown' ? o.unknownFacts : []))),
  ];
  const payable = checks.some((c) => c.outcome === 'failed')
    ? false
    : checks.some((c) => c.outcome === 'unknown')
      ? null
      : true;
  return {
    payable,
    checks,
    missingFacts,
    reporting: reportingDeadline(convention, yearOf(convention.period.start)),
  };
}
