import { z } from 'zod';
import { addDays, addMonths, IsoDateSchema } from '../calendar.ts';
import type { Duration, StayRule } from '../convention/schema.ts';
import { DomainError } from '../errors.ts';
import { nullable } from '../nullable.ts';

export const ExitReasonSchema = z
  .enum(['housing_found', 'end_of_stay', 'reoriented', 'left_voluntarily', 'excluded', 'age_limit', 'other'])
  .meta({ id: 'ExitReason' });

export const StaySchema = z
  .object({
    id: z.string().min(1),
    beneficiaryId: z.string().min(1),
    placeId: z.string().min(1),
    startOn: IsoDateSchema,
    plannedEndOn: IsoDateSchema,
    renewals: z.number().int().nonnegative(),
    /** The exit date (the young person leaves that day; its night is not a day of care). */
    endOn: nullable(IsoDateSchema),
    exitReason: nullable(ExitReasonSchema),
  })
  .strict()
  .refine((s) => s.plannedEndOn >= s.startOn, {
    path: ['plannedEndOn'],
    message: 'must not be before startOn',
  })
  .refine((s) => s.endOn === null || s.endOn >= s.startOn, {
    path: ['endOn'],
    message: 'must not be before startOn',
  })
  .refine((s) => (s.endOn === null) === (s.exitReason === null), {
    path: ['exitReason'],
    message: 'an exit needs both endOn and exitReason',
  })
  .meta({
    id: 'Stay',
    description:
      'Cross-field rules the API applies: plannedEndOn and endOn (when set) must not be before startOn (JSON Schema cannot compare two dates, so only the API checks this); endOn and exitReason are both null (the stay is running) or both set (an exit), which anyOf states.',
    // (endOn === null) === (exitReason === null), the third refinement above, in JSON Schema terms.
    anyOf: [
      { properties: { endOn: { type: 'null' }, exitReason: { type: 'null' } } },
      { properties: { endOn: { not: { type: 'null' } }, exitReason: { not: { type: 'null' } } } },
    ],
  });

export type ExitReason = z.infer<typeof ExitReasonSchema>;
export type Stay = z.infer<typeof StaySchema>;

function addDuration(date: string, duration: Duration): string {
  // Months first, then days (CPC art. 641 al. 3); a delay in days does not count its first day, so D + 42.
  return addDays(addMonths(date, duration.months), duration.days);
}

export interface StayPlan {
  startOn: string;
  /** End of the initial period (adults: 3 months; minors: 6 weeks, a review point). */
  initialEndOn: string;
  /** Minors: the tacit extension to 3 months counted from entry; null for adults. */
  tacitEndOn: string | null;
  /** End of each allowed renewal, in order. */
  renewalEndsOn: string[];
  /** The latest the stay can run to under the convention. */
  maxEndOn: string;
}

/**
 * The calendar of a stay under a convention's stay rule. "3 months" is counted de quantième à
 * quantième; a renewal is `chained` (runs from the end of the current period: 30 Nov + 3 + 3 months
 * = 28 May) or `anchored` (counted from entry: 30 Nov + 6 months = 30 May), as the rule declares.
 */
export function stayPlan(rule: StayRule, startOn: string): StayPlan {
  const initialEndOn = addDuration(startOn, rule.initial);
  const tacitEndOn = rule.tacitExtensionTo ? addDuration(startOn, rule.tacitExtensionTo) : null;
  const base = tacitEndOn ?? initialEndOn;
  const baseDuration = rule.tacitExtensionTo ?? rule.initial;
  const renewalEndsOn: string[] = [];
  for (let i = 1; i <= rule.maxRenewals; i += 1) {
    if (rule.renewalCounting === 'chained') {
      renewalEndsOn.push(addDuration(renewalEndsOn.at(-1) ?? base, rule.renewal));
    } else {
      const total = {
        months: baseDuration.months + rule.renewal.months * i,
        days: baseDuration.days + rule.renewal.days * i,
      };
      renewalEndsOn.push(addDuration(startOn, total));
    }
  }
  return { startOn, initialEndOn, tacitEndOn, renewalEndsOn, maxEndOn: renewalEndsOn.at(-1) ?? base };
}

/**
 * The planned end after `renewals` renewals. For a minor the tacit extension is assumed (that is
 * what "tacitement" means: it happens unless someone ends the stay at the 6-week review).
 */
export function plannedEndOn(rule: StayRule, startOn: string, renewals = 0): string {
  const plan = stayPlan(rule, startOn);
  if (!Number.isInteger(renewals) || renewals < 0 || renewals > rule.maxRenewals) {
    throw new DomainError(
      'invalid_input',
      `renewals: ${renewals} is not allowed (at most ${rule.maxRenewals})`,
      {
        issues: [{ path: 'renewals', message: `must be between 0 and ${rule.maxRenewals}` }],
      },
    );
  }
  if (renewals === 0) return plan.tacitEndOn ?? plan.initialEndOn;
  return plan.renewalEndsOn[renewals - 1] as string;
}

export function stayRuleFor(rules: readonly StayRule[], category: StayRule['category']): StayRule {
  const rule = rules.find((r) => r.category === category);
  if (!rule) throw new DomainError('invalid_input', `No stay rule for category ${category}`);
  return rule;
}
