import { describe, expect, it } from 'vitest';
import { convention2022417 as c } from '../convention/conventions/2022-417.ts';
import type { Period } from '../convention/schema.ts';
import { DomainError } from '../errors.ts';
import {
  capacityDays,
  capacityOn,
  daysOfCare,
  daysOfCareForStay,
  occupancy,
  type StaySpan,
} from './days-of-care.ts';

/** Runs `fn`, which must throw, and returns what it threw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

const YEAR_2022: Period = { start: '2022-01-01', end: '2022-12-31' };

describe('daysOfCareForStay: one "journée de prise en charge" per night or per calendar day (art. 11)', () => {
  it.each([
    { what: 'a 10-day stay', startOn: '2022-03-01', endOn: '2022-03-10', nights: 9, calendarDays: 10 },
    {
      what: 'entry and exit the same day',
      startOn: '2022-05-05',
      endOn: '2022-05-05',
      nights: 0,
      calendarDays: 1,
    },
    {
      what: 'exit the day after entry',
      startOn: '2022-05-05',
      endOn: '2022-05-06',
      nights: 1,
      calendarDays: 2,
    },
    {
      what: 'an open stay runs to the period end',
      startOn: '2022-12-01',
      endOn: null,
      nights: 31,
      calendarDays: 31,
    },
    {
      what: 'an open stay from before the period',
      startOn: '2021-06-01',
      endOn: null,
      nights: 365,
      calendarDays: 365,
    },
    {
      what: 'entered before the period',
      startOn: '2021-12-20',
      endOn: '2022-01-10',
      nights: 9,
      calendarDays: 10,
    },
    { what: 'left after the period', startOn: '2022-12-25', endOn: '2023-01-05', nights: 7, calendarDays: 7 },
    {
      what: 'across the whole period',
      startOn: '2021-06-01',
      endOn: '2023-06-01',
      nights: 365,
      calendarDays: 365,
    },
    {
      what: 'left on the first day of the period',
      startOn: '2021-12-01',
      endOn: '2022-01-01',
      nights: 0,
      calendarDays: 1,
    },
    {
      what: 'entered on the last day of the period',
      startOn: '2022-12-31',
      endOn: '2023-01-15',
      nights: 1,
      calendarDays: 1,
    },
    {
      what: 'entirely before the period',
      startOn: '2021-01-01',
      endOn: '2021-12-31',
      nights: 0,
      calendarDays: 0,
    },
    { what: 'entirely after the period', startOn: '2023-01-01', endOn: null, nights: 0, calendarDays: 0 },
  ])('$what ($startOn → $endOn): $nights nights, $calendarDays calendar days', (row) => {
    const stay: StaySpan = { startOn: row.startOn, endOn: row.endOn };
    expect(daysOfCareForStay(stay, YEAR_2022)).toBe(row.nights);
    expect(daysOfCareForStay(stay, YEAR_2022, 'nights')).toBe(row.nights);
    expect(daysOfCareForStay(stay, YEAR_2022, 'calendarDays')).toBe(row.calendarDays);
  });

  it('the convention counts nights: the entry day counts, the exit day does not', () => {
    expect(c.activityTarget.dayCounting).toBe('nights');
  });

  it('an exit before the entry throws invalid_input naming endOn', () => {
    const error = thrown(() => daysOfCareForStay({ startOn: '2022-05-10', endOn: '2022-05-09' }, YEAR_2022));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('invalid_input');
    expect((error as DomainError).issues).toEqual([{ path: 'endOn', message: 'must not be before startOn' }]);
    expect((error as DomainError).message).toContain('endOn');
  });

  it('daysOfCare adds up the stays', () => {
    const stays: StaySpan[] = [
      { startOn: '2022-03-01', endOn: '2022-03-10' },
      { startOn: '2022-12-01', endOn: null },
      { startOn: '2022-05-05', endOn: '2022-05-05' },
    ];
    expect(daysOfCare(stays, YEAR_2022)).toBe(9 + 31 + 0);
    expect(daysOfCare(stays, YEAR_2022, 'calendarDays')).toBe(10 + 31 + 1);
    expect(daysOfCare([], YEAR_2022)).toBe(0);
  });
});

describe('capacityDays: place-days the capacity timeline offers (rapport n°41, art. 4, art. 11)', () => {
  it.each([
    {
      what: '2022, all places',
      period: YEAR_2022,
      category: undefined,
      days: 7225,
      formula: '10 × 90 + 23 × 275',
    },
    {
      what: '2022, adult places',
      period: YEAR_2022,
      category: 'adult',
      days: 9 * 90 + 17 * 275,
      formula: '9 × 90 + 17 × 275',
    },
    {
      what: '2022, minor places',
      period: YEAR_2022,
      category: 'minor',
      days: 1 * 90 + 6 * 275,
      formula: '1 × 90 + 6 × 275',
    },
    {
      what: 'February, inside Q1',
      period: { start: '2022-02-01', end: '2022-02-28' },
      category: undefined,
      days: 280,
      formula: '10 × 28',
    },
    {
      what: '31 March and 1 April',
      period: { start: '2022-03-31', end: '2022-04-01' },
      category: undefined,
      days: 33,
      formula: '10 + 23',
    },
    {
      what: '31 March and 1 April, adults',
      period: { start: '2022-03-31', end: '2022-04-01' },
      category: 'adult',
      days: 26,
      formula: '9 + 17',
    },
    {
      what: '31 March and 1 April, minors',
      period: { start: '2022-03-31', end: '2022-04-01' },
      category: 'minor',
      days: 7,
      formula: '1 + 6',
    },
    {
      what: 'December 2021 – January 2022',
      period: { start: '2021-12-01', end: '2022-01-31' },
      category: undefined,
      days: 310,
      formula: 'only January counts: 10 × 31',
    },
    {
      what: '2023, outside the period',
      period: { start: '2023-01-01', end: '2023-12-31' },
      category: undefined,
      days: 0,
      formula: '0',
    },
    {
      what: '2021, outside the period',
      period: { start: '2021-01-01', end: '2021-12-31' },
      category: 'adult',
      days: 0,
      formula: '0',
    },
  ] as const)('$what: $days ($formula)', ({ period, category, days }) => {
    expect(capacityDays(c, period, category)).toBe(days);
  });

  it('the 2022 total is 7 225 place-days, below the 8 030-day target even at 100 %', () => {
    expect(capacityDays(c, YEAR_2022)).toBe(7225);
    expect(capacityDays(c, YEAR_2022, 'adult') + capacityDays(c, YEAR_2022, 'minor')).toBe(7225);
    expect(capacityDays(c, YEAR_2022)).toBeLessThan(c.activityTarget.days);
  });
});

describe('capacityOn', () => {
  it.each([
    ['2021-12-31', undefined],
    ['2022-01-01', { total: 10, adults: 9, minors: 1 }],
    ['2022-03-31', { total: 10, adults: 9, minors: 1 }],
    ['2022-04-01', { total: 23, adults: 17, minors: 6 }],
    ['2022-12-31', { total: 23, adults: 17, minors: 6 }],
    ['2023-01-01', undefined],
  ])('on %s: %j', (date, expected) => {
    const step = capacityOn(c, date);
    if (expected === undefined) expect(step).toBeUndefined();
    else expect(step).toMatchObject(expected);
  });
});

describe('occupancy: take-up against capacity and against the 8 030 days of art. 11', () => {
  it('a few stays in 2022', () => {
    const stays: StaySpan[] = [
      { startOn: '2022-01-01', endOn: '2022-07-01' },
      { startOn: '2022-04-01', endOn: null },
    ];
    const result = occupancy(c, stays, YEAR_2022);
    expect(result).toEqual({
      period: YEAR_2022,
      days: 181 + 275,
      capacityDays: 7225,
      rate: 456 / 7225,
      targetDays: 8030,
      targetRate: 456 / 8030,
    });
  });

  it('every place filled every night of 2022 is a 100 % rate but only 89.98 % of the target', () => {
    const stays: StaySpan[] = [
      ...Array.from({ length: 10 }, () => ({ startOn: '2022-01-01', endOn: null })),
      ...Array.from({ length: 13 }, () => ({ startOn: '2022-04-01', endOn: null })),
    ];
    const result = occupancy(c, stays, YEAR_2022);
    expect(result.days).toBe(7225);
    expect(result.rate).toBe(1);
    expect(result.targetRate).toBe(7225 / 8030);
    expect((result.targetRate * 100).toFixed(2)).toBe('89.98');
  });

  it('counts the exit day out, as the convention counts nights', () => {
    const result = occupancy(c, [{ startOn: '2022-05-05', endOn: '2022-05-05' }], YEAR_2022);
    expect(result.days).toBe(0);
  });

  it('outside the convention period there is no capacity: the rate is null, not a division by zero', () => {
    const period = { start: '2023-01-01', end: '2023-12-31' };
    const result = occupancy(c, [{ startOn: '2023-01-01', endOn: null }], period);
    expect(result).toMatchObject({ days: 365, capacityDays: 0, rate: null, targetDays: 8030 });
  });
});
