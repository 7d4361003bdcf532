import {
  anniversary,
  compareDates,
  DomainError,
  daysBetween,
  fromZodError,
  getConvention,
  IsoDateSchema,
  PlaceCategorySchema,
  type StayPlan,
  stayPlan,
  stayRuleFor,
  todayInParis,
} from '@tremplins/domain';
import { z } from 'zod';
import { type EngineChoice, preparedRuleSetOn, runRules } from './rule-sets.ts';

export const StayRequestSchema = z
  .object({
    birthDate: IsoDateSchema,
    startOn: IsoDateSchema,
    category: PlaceCategorySchema,
    renewals: z.number().int().nonnegative().default(0),
    /** The day the stay is looked at; defaults to today in Europe/Paris. */
    asOf: IsoDateSchema.optional(),
  })
  .strict()
  .meta({ id: 'StayRequest' });

export const StayAlertSchema = z
  .object({ id: z.string(), label: z.string(), article: z.string(), on: IsoDateSchema })
  .meta({ id: 'StayAlert' });

export type StayRequest = z.input<typeof StayRequestSchema>;
export type StayAlert = z.infer<typeof StayAlertSchema>;

export interface StayEvaluation {
  plan: StayPlan;
  plannedEndOn: string;
  renewalsLeft: number;
  alerts: StayAlert[];
  ruleSet: { id: string; version: string };
}

/** A stay's planned end, what renewals remain, and the alerts of the rule set's stays file. */
export async function evaluateStay(
  request: StayRequest,
  options: { engine?: EngineChoice } = {},
): Promise<StayEvaluation> {
  const parsed = StayRequestSchema.safeParse(request);
  if (!parsed.success) throw fromZodError(parsed.error);
  const { birthDate, startOn, category, renewals } = parsed.data;
  const asOf = parsed.data.asOf ?? todayInParis();
  if (compareDates(birthDate, startOn) > 0) {
    throw new DomainError('invalid_date', `startOn ${startOn} is before birthDate ${birthDate}`, {
      issues: [{ path: 'startOn', message: 'must not be before birthDate' }],
    });
  }
  const prepared = preparedRuleSetOn(startOn);
  const { manifest } = prepared.set;
  const rule = stayRuleFor(getConvention(manifest.conventionId).stayRules, category);
  if (renewals > rule.maxRenewals) {
    throw new DomainError('invalid_input', `renewals: at most ${rule.maxRenewals} for a ${category} stay`, {
      issues: [{ path: 'renewals', message: `must be at most ${rule.maxRenewals}` }],
    });
  }
  const plan = stayPlan(rule, startOn);
  const plannedEndOn =
    renewals === 0 ? (plan.tacitEndOn ?? plan.initialEndOn) : (plan.renewalEndsOn[renewals - 1] as string);
  const options28 = { leapDayBirthday: manifest.leapDayBirthday };
  const dates = {
    plannedEndOn,
    eighteenthBirthday: anniversary(birthDate, 18, options28),
    twentyFirstBirthday: anniversary(birthDate, 21, options28),
  };
  const during = (day: string) => compareDates(startOn, day) <= 0 && compareDates(day, plannedEndOn) <= 0;
  const facts = {
    category,
    daysUntilPlannedEnd: daysBetween(asOf, plannedEndOn),
    renewalsLeft: rule.maxRenewals - renewals,
    turns18BeforePlannedEnd: during(dates.eighteenthBirthday),
    turns21BeforePlannedEnd: during(dates.twentyFirstBirthday),
  };
  const outcomes = await runRules(prepared, 'stays', facts, options.engine);
  const alerts = outcomes
    .filter((o) => o.applies === 'true' && o.holds === 'true')
    .map(({ rule: r }) => ({
      id: r.id,
      label: r.label,
      article: r.article,
      on: dates[r.alertDate ?? 'plannedEndOn'],
    }));
  return {
    plan,
    plannedEndOn,
    renewalsLeft: facts.renewalsLeft,
    alerts,
    ruleSet: { id: manifest.id, version: manifest.version },
  };
}
