import {
  CentsSchema,
  type Convention,
  capacityDays,
  compareDates,
  componentPeriod,
  DomainError,
  formatEuros,
  fromZodError,
  getConvention,
  IsoDateSchema,
  maxDate,
  mulDivRound,
  prorate,
  yearOf,
} from '@tremplins/domain';
import { z } from 'zod';
import type { Facts } from './evaluate.ts';
import type { Rule } from './rule-schema.ts';
import { type EngineChoice, preparedRuleSetFor, runRules } from './rule-sets.ts';

/** What the Département has established after payment (art. 14); an absent finding is not established. */
export const ReimbursementFindingsSchema = z
  .object({
    accountingAbsent: z.boolean().optional(),
    unjustifiedUse: z.boolean().optional(),
    supportNotMadeKnown: z.boolean().optional(),
    /** The first day without the action. */
    ceasedOn: IsoDateSchema.optional(),
    /** Days of care achieved over the convention period (art. 11). */
    achievedDays: z.number().int().nonnegative().optional(),
    qualitativeObjectivesMet: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'ReimbursementFindings' });

export const ReimbursementTriggerResultSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    article: z.string(),
    kind: z.enum(['total', 'partial']),
    amountCents: CentsSchema,
    negotiable: z.boolean(),
    /** How the amount was computed, in French. */
    basis: z.string(),
  })
  .meta({ id: 'ReimbursementTriggerResult' });

export const ReimbursementResultSchema = z
  .object({
    kind: z.enum(['none', 'partial', 'total']),
    amountCents: CentsSchema,
    negotiable: z.boolean(),
    triggers: z.array(ReimbursementTriggerResultSchema),
  })
  .meta({ id: 'ReimbursementResult' });

export type ReimbursementFindings = z.input<typeof ReimbursementFindingsSchema>;
export type ReimbursementTriggerResult = z.infer<typeof ReimbursementTriggerResultSchema>;
export type ReimbursementResult = z.infer<typeof ReimbursementResultSchema>;

const eur = (cents: number) => formatEuros(cents, { plainSpaces: true });
const BASIS_POINTS = 10_000;

/** min(declared target, rate × place-days offered), in 1/10 000 of a day, so 6 863,75 stays exact. */
function reachableTarget(convention: Convention): { scaled: number; capacity: number } {
  const capacity = capacityDays(convention, convention.period);
  const rate = Math.round(convention.activityTarget.rate * BASIS_POINTS);
  return { scaled: Math.min(convention.activityTarget.days * BASIS_POINTS, rate * capacity), capacity };
}

function facts(convention: Convention, findings: z.output<typeof ReimbursementFindingsSchema>): Facts {
  const { ceasedOn, achievedDays } = findings;
  return {
    accountingAbsent: findings.accountingAbsent,
    unjustifiedUse: findings.unjustifiedUse,
    supportNotMadeKnown: findings.supportNotMadeKnown,
    qualitativeObjectivesMet: findings.qualitativeObjectivesMet,
    actionCeased: ceasedOn === undefined ? undefined : compareDates(ceasedOn, convention.period.end) <= 0,
    activityShortfall:
      achievedDays === undefined
        ? undefined
        : achievedDays * BASIS_POINTS < reachableTarget(convention).scaled,
  };
}

/** The named formulas the rule files point to (`amount`). */
function amountOf(
  rule: Rule,
  convention: Convention,
  findings: z.output<typeof ReimbursementFindingsSchema>,
): { amountCents: number; basis: string } {
  const total = convention.funding.totalCents;
  switch (rule.amount) {
    case 'full-participation':
      return { amountCents: total, basis: `Totalité de la participation versée : ${eur(total)}` };
    case 'prorata-temporis': {
      const from = findings.ceasedOn as string;
      const basis = convention.funding.prorationBasis;
      const parts = convention.funding.components.map((c) => {
        const period = componentPeriod(convention, c.startsOn, yearOf(convention.period.start));
        if (!period) return { label: c.label, cents: 0 };
        const start = maxDate(from, period.start);
        return {
          label: c.label,
          cents: prorate(c.annualAmountCents, { start, end: period.end }, basis),
          start,
          end: period.end,
        };
      });
      const amountCents = parts.reduce((sum, p) => sum + p.cents, 0);
      return {
        amountCents,
        basis: `Prorata temporis (base : ${basis === 'months' ? 'mois' : 'jours'}) à partir du ${from} : ${parts
          .map((p) => `${p.label} ${eur(p.cents)}`)
          .join(' + ')} = ${eur(amountCents)}`,
      };
    }
    case 'activity-shortfall': {
      const achieved = findings.achievedDays as number;
      const { scaled, capacity } = reachableTarget(convention);
      const amountCents = mulDivRound(total, BigInt(scaled - achieved * BASIS_POINTS), BigInt(scaled));
      return {
        amountCents,
        basis: `Suggestion négociable : ${eur(total)} × (${scaled / BASIS_POINTS} − ${achieved}) ÷ ${scaled / BASIS_POINTS}, l'objectif atteignable étant le plus petit de ${convention.activityTarget.days} journées et de ${convention.activityTarget.rate * 100} % de ${capacity} journées-places offertes`,
      };
    }
    default:
      return {
        amountCents: 0,
        basis: 'Montant à négocier avec l’association : la convention ne le chiffre pas',
      };
  }
}

/**
 * Does anything in the findings trigger a reimbursement (art. 14), of how much? A total trigger
 * governs when total and partial triggers both hold. Several partial triggers are not added up: the
 * largest governs, since a ceased action's prorata already covers the activity it did not deliver.
 */
export async function evaluateReimbursement(
  conventionId: string,
  findings: ReimbursementFindings,
  options: { engine?: EngineChoice } = {},
): Promise<ReimbursementResult> {
  const convention = getConvention(conventionId);
  const parsed = ReimbursementFindingsSchema.safeParse(findings);
  if (!parsed.success) throw fromZodError(parsed.error);
  const prepared = preparedRuleSetFor(conventionId);
  if (!prepared) throw new DomainError('unknown_convention', `No rule set for convention ${conventionId}`);
  const outcomes = await runRules(prepared, 'reimbursement', facts(convention, parsed.data), options.engine);
  const triggers = outcomes
    .filter((o) => o.applies === 'true' && o.holds === 'true')
    .map(({ rule }) => ({
      id: rule.id,
      label: rule.label,
      article: rule.article,
      kind: rule.kind ?? 'partial',
      negotiable: rule.negotiable ?? false,
      ...amountOf(rule, convention, parsed.data),
    }));
  const kind = triggers.some((t) => t.kind === 'total') ? 'total' : triggers.length > 0 ? 'partial' : 'none';
  const governing = triggers
    .filter((t) => t.kind === kind)
    .sort((a, b) => b.amountCents - a.amountCents || Number(a.negotiable) - Number(b.negotiable))[0];
  return {
    kind,
    amountCents: governing?.amountCents ?? 0,
    negotiable: governing?.negotiable ?? false,
    triggers,
  };
}
