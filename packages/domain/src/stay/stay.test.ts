import { describe, expect, it } from 'vitest';
import { convention2022417 as c } from '../convention/conventions/2022-417.ts';
import type { StayRule } from '../convention/schema.ts';
import { DomainError } from '../errors.ts';
import { plannedEndOn, StaySchema, stayPlan, stayRuleFor } from './stay.ts';

/** Runs `fn`, which must throw, and returns what it threw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

const adult = stayRuleFor(c.stayRules, 'adult');
const minor = stayRuleFor(c.stayRules, 'minor');
const anchored = (rule: StayRule): StayRule => ({ ...rule, renewalCounting: 'anchored' });

describe('stayPlan: stays counted de quantième à quantième (rapport n°41; FACTS.md §4.2 C)', () => {
  it.each([
    // Adults: 3 months renewable once.
    {
      who: 'adult',
      rule: adult,
      startOn: '2022-01-31',
      plan: {
        initialEndOn: '2022-04-30',
        tacitEndOn: null,
        renewalEndsOn: ['2022-07-30'],
        maxEndOn: '2022-07-30',
      },
    },
    {
      who: 'adult',
      rule: adult,
      startOn: '2022-11-30',
      plan: {
        initialEndOn: '2023-02-28',
        tacitEndOn: null,
        renewalEndsOn: ['2023-05-28'],
        maxEndOn: '2023-05-28',
      },
    },
    {
      who: 'adult',
      rule: adult,
      startOn: '2023-11-30',
      plan: {
        initialEndOn: '2024-02-29',
        tacitEndOn: null,
        renewalEndsOn: ['2024-05-29'],
        maxEndOn: '2024-05-29',
      },
    },
    {
      who: 'adult (anchored)',
      rule: anchored(adult),
      startOn: '2022-11-30',
      plan: {
        initialEndOn: '2023-02-28',
        tacitEndOn: null,
        renewalEndsOn: ['2023-05-30'],
        maxEndOn: '2023-05-30',
      },
    },
    // Minors: 6 weeks (D + 42), tacitly 3 months from entry, renewable once.
    {
      who: 'minor',
      rule: minor,
      startOn: '2022-01-31',
      plan: {
        initialEndOn: '2022-03-14',
        tacitEndOn: '2022-04-30',
        renewalEndsOn: ['2022-07-30'],
        maxEndOn: '2022-07-30',
      },
    },
    {
      who: 'minor',
      rule: minor,
      startOn: '2022-11-30',
      plan: {
        initialEndOn: '2023-01-11',
        tacitEndOn: '2023-02-28',
        renewalEndsOn: ['2023-05-28'],
        maxEndOn: '2023-05-28',
      },
    },
    {
      who: 'minor (anchored)',
      rule: anchored(minor),
      startOn: '2022-11-30',
      plan: {
        initialEndOn: '2023-01-11',
        tacitEndOn: '2023-02-28',
        renewalEndsOn: ['2023-05-30'],
        maxEndOn: '2023-05-30',
      },
    },
  ])('$who entering $startOn', ({ rule, startOn, plan }) => {
    expect(stayPlan(rule, startOn)).toEqual({ startOn, ...plan });
  });

  it('the 3-month end on Saturday 2022-04-30 is not moved (a stay end is not a time limit to act)', () => {
    expect(stayPlan(adult, '2022-01-31').initialEndOn).toBe('2022-04-30');
  });
});

describe('plannedEndOn', () => {
  it.each([
    { who: 'adult', rule: adult, startOn: '2022-01-31', renewals: 0, endOn: '2022-04-30' },
    { who: 'adult', rule: adult, startOn: '2022-11-30', renewals: 0, endOn: '2023-02-28' },
    { who: 'adult', rule: adult, startOn: '2022-11-30', renewals: 1, endOn: '2023-05-28' },
    {
      who: 'adult (anchored)',
      rule: anchored(adult),
      startOn: '2022-11-30',
      renewals: 1,
      endOn: '2023-05-30',
    },
    // A minor's 6 weeks are tacitly extended to 3 months unless someone ends the stay at the review.
    { who: 'minor', rule: minor, startOn: '2022-01-31', renewals: 0, endOn: '2022-04-30' },
    { who: 'minor', rule: minor, startOn: '2022-11-30', renewals: 1, endOn: '2023-05-28' },
    {
      who: 'minor (anchored)',
      rule: anchored(minor),
      startOn: '2022-11-30',
      renewals: 1,
      endOn: '2023-05-30',
    },
  ])('$who entering $startOn with $renewals renewal(s): $endOn', ({ rule, startOn, renewals, endOn }) => {
    expect(plannedEndOn(rule, startOn, renewals)).toBe(endOn);
  });

  it('defaults to no renewal', () => {
    expect(plannedEndOn(adult, '2022-01-31')).toBe('2022-04-30');
  });

  it.each([
    ['adult', 2],
    ['minor', 2],
    ['adult', -1],
    ['adult', 0.5],
  ] as const)(
    'a %s stay with %d renewals throws invalid_input naming renewals (renewable once)',
    (category, renewals) => {
      const rule = stayRuleFor(c.stayRules, category);
      const error = thrown(() => plannedEndOn(rule, '2022-01-31', renewals));
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('invalid_input');
      expect((error as DomainError).issues[0]?.path).toBe('renewals');
      expect((error as DomainError).message).toContain('renewals');
    },
  );
});

describe('stayRuleFor', () => {
  it('finds each category and refuses a missing one', () => {
    expect(stayRuleFor(c.stayRules, 'adult').category).toBe('adult');
    expect(stayRuleFor(c.stayRules, 'minor').category).toBe('minor');
    expect(() => stayRuleFor([adult], 'minor')).toThrow(DomainError);
  });
});

describe('StaySchema', () => {
  const stay = {
    id: 's1',
    beneficiaryId: 'b1',
    placeId: '2022-417-A01',
    startOn: '2022-01-31',
    plannedEndOn: '2022-04-30',
    renewals: 0,
    endOn: null,
    exitReason: null,
  };

  it('accepts an open stay and an ended one', () => {
    expect(StaySchema.parse(stay)).toEqual(stay);
    const ended = { ...stay, endOn: '2022-04-30', exitReason: 'end_of_stay' };
    expect(StaySchema.parse(ended)).toEqual(ended);
    expect(
      StaySchema.safeParse({ ...stay, endOn: '2022-01-31', exitReason: 'left_voluntarily' }).success,
    ).toBe(true);
  });

  it.each([
    { what: 'endOn before startOn', change: { endOn: '2022-01-30', exitReason: 'other' }, path: ['endOn'] },
    { what: 'endOn without exitReason', change: { endOn: '2022-04-30' }, path: ['exitReason'] },
    { what: 'exitReason without endOn', change: { exitReason: 'housing_found' }, path: ['exitReason'] },
    { what: 'plannedEndOn before startOn', change: { plannedEndOn: '2022-01-30' }, path: ['plannedEndOn'] },
    { what: 'an impossible date', change: { startOn: '2022-02-29' }, path: ['startOn'] },
    {
      what: 'an unknown exit reason',
      change: { endOn: '2022-04-30', exitReason: 'expelled' },
      path: ['exitReason'],
    },
    { what: 'negative renewals', change: { renewals: -1 }, path: ['renewals'] },
  ])('refuses $what, naming $path', ({ change, path }) => {
    const result = StaySchema.safeParse({ ...stay, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toContainEqual(path);
  });
});
