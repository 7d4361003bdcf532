import { describe, expect, it } from 'vitest';
import { isNonWorkingDay, plainDate } from '../calendar.ts';
import { DomainError } from '../errors.ts';
import { convention2022417 as c } from './conventions/2022-417.ts';
import { reportingDeadline, terminationEffectiveOn } from './deadlines.ts';

/** Runs `fn`, which must throw, and returns what it threw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const weekday = (date: string) => WEEKDAYS[plainDate(date).dayOfWeek];

describe('terminationEffectiveOn: one month after receipt, de quantième à quantième, never extended (art. 17)', () => {
  // FACTS.md §4.2 A: every row. The notice ends at 24:00 on that date even on a weekend or a holiday
  // (a notice period is not a time limit to act: Cass. 3e civ., 8 March 2018, n°17-11.312).
  it.each([
    {
      receivedOn: '2022-01-31',
      effectiveOn: '2022-02-28',
      day: 'Mon',
      note: 'no 31 February: last day of the month',
    },
    { receivedOn: '2023-01-31', effectiveOn: '2023-02-28', day: 'Tue', note: 'no 31 February' },
    { receivedOn: '2024-01-31', effectiveOn: '2024-02-29', day: 'Thu', note: 'leap year' },
    { receivedOn: '2023-01-29', effectiveOn: '2023-02-28', day: 'Tue', note: 'no 29 February in 2023' },
    { receivedOn: '2023-01-30', effectiveOn: '2023-02-28', day: 'Tue', note: 'no 30 February' },
    { receivedOn: '2022-03-15', effectiveOn: '2022-04-15', day: 'Fri', note: 'same quantième' },
    {
      receivedOn: '2022-03-31',
      effectiveOn: '2022-04-30',
      day: 'Sat',
      note: 'Saturday, not moved to Mon 2 May',
    },
    {
      receivedOn: '2022-09-30',
      effectiveOn: '2022-10-30',
      day: 'Sun',
      note: 'Sunday, not moved to Mon 31 Oct',
    },
    {
      receivedOn: '2022-10-01',
      effectiveOn: '2022-11-01',
      day: 'Tue',
      note: 'Toussaint, not moved to 2 Nov',
    },
    {
      receivedOn: '2022-06-14',
      effectiveOn: '2022-07-14',
      day: 'Thu',
      note: '14 July, not moved to 15 July',
    },
    { receivedOn: '2022-08-31', effectiveOn: '2022-09-30', day: 'Fri', note: 'no 31 September' },
    { receivedOn: '2022-12-31', effectiveOn: '2023-01-31', day: 'Tue', note: 'across the year' },
  ])('received $receivedOn → effective $effectiveOn ($day; $note)', ({ receivedOn, effectiveOn, day }) => {
    expect(terminationEffectiveOn(c, receivedOn)).toBe(effectiveOn);
    expect(weekday(effectiveOn)).toBe(day);
  });

  it.each(['2022-03-31', '2022-09-30', '2022-10-01', '2022-06-14'])(
    'receipt %s: the effective date falls on a non-working day and stays there',
    (receivedOn) => {
      expect(isNonWorkingDay(terminationEffectiveOn(c, receivedOn))).toBe(true);
    },
  );

  it('29, 30 and 31 January 2023 all end on 28 February: the mapping cannot be reversed', () => {
    const ends = ['2023-01-29', '2023-01-30', '2023-01-31'].map((d) => terminationEffectiveOn(c, d));
    expect(new Set(ends)).toEqual(new Set(['2023-02-28']));
  });

  it.each(['2022-02-30', '31/03/2022', '2022-3-31', ''])(
    'an invalid date %j names noticeReceivedOn',
    (value) => {
      const error = thrown(() => terminationEffectiveOn(c, value));
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('invalid_date');
      expect((error as DomainError).issues[0]?.path).toBe('noticeReceivedOn');
      expect((error as DomainError).message).toContain('noticeReceivedOn');
    },
  );
});

describe('reportingDeadline: administrative account and activity report due 28 February of the next year (art. 12)', () => {
  // FACTS.md §4.2 B: a deadline to act, so CPC art. 642 extends it by analogy; both dates are given.
  it.each([
    { year: 2022, dueOn: '2023-02-28', day: 'Tue', extendedDueOn: '2023-02-28' },
    { year: 2023, dueOn: '2024-02-28', day: 'Wed', extendedDueOn: '2024-02-28' },
    { year: 2024, dueOn: '2025-02-28', day: 'Fri', extendedDueOn: '2025-02-28' },
    { year: 2025, dueOn: '2026-02-28', day: 'Sat', extendedDueOn: '2026-03-02' },
    { year: 2026, dueOn: '2027-02-28', day: 'Sun', extendedDueOn: '2027-03-01' },
    { year: 2027, dueOn: '2028-02-28', day: 'Mon', extendedDueOn: '2028-02-28' },
  ])(
    'financial year $year: due $dueOn ($day), extended to $extendedDueOn',
    ({ year, dueOn, day, extendedDueOn }) => {
      const deadline = reportingDeadline(c, year);
      expect(deadline).toMatchObject({ financialYear: year, dueOn, extendedDueOn });
      expect(weekday(dueOn)).toBe(day);
      expect(isNonWorkingDay(deadline.extendedDueOn)).toBe(false);
    },
  );

  it('for 2023 the due year 2024 is a leap year, yet the due date stays 28 February, not 29', () => {
    expect(reportingDeadline(c, 2023).dueOn).toBe('2024-02-28');
  });

  it('lists the documents and the article', () => {
    const deadline = reportingDeadline(c, 2022);
    expect(deadline.documents).toEqual(c.reporting.documents);
    expect(deadline.documents[0]).toBe('Compte administratif');
    expect(deadline.documents[1]).toMatch(/^Rapport d’activité/);
    expect(deadline.articles).toEqual(['art. 12']);
  });
});
