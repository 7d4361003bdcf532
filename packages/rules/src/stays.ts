import {
  anniversary,
  compareDates,
  DomainError,
  daysBetween,
  fromZodError,
  getConvention,
  IsoDateSchema,
  PlaceCategorySchema,
  plannedEndOn as plannedEndOnOf,
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
  const plan = stayPlan(rule, startOn);
  // The domain owns the stay arithmetic and refuses a renewal beyond the rule, naming `renewals`.
  const plannedEndOn = plannedEndOnOf(rule, startOn, renewals);
  const birthdays = { leapDayBirthday: manifest.leapDayBirthday };
  const dates = {
    plannedEndOn,
    eighteenthBirthday: anniversary(birthDate, 18, birthdays),
    twentyFirstBirthday: anniversary(birthDate, 21, birthdays),
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
