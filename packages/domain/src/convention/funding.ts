import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  daysInMonth,
  daysInYear,
  maxDate,
  minDate,
  plainDate,
} from '../calendar.ts';
import { DomainError } from '../errors.ts';
import { type Cents, mulDivRound } from '../money.ts';
import type { Convention, Period, ProrationBasis } from './schema.ts';

// Common denominators keep every partial month or year an exact integer fraction, so the amount is
// rounded once, at the end: lcm(28, 29, 30, 31) and lcm(365, 366).
const MONTH_UNITS = 377_580n;
const YEAR_UNITS = 133_590n;

/**
 * Share of an annual amount for a period (both dates included). On the `months` basis every whole
 * calendar month is 1/12 and a partial month counts its days over the days of that month; on the
 * `days` basis each day is 1/365 (1/366 in a leap year).
 */
export function prorate(annualCents: Cents, period: Period, basis: ProrationBasis): Cents {
  if (compareDates(period.start, period.end) > 0) return 0;
  return basis === 'months' ? prorateByMonths(annualCents, period) : prorateByDays(annualCents, period);
}

function prorateByMonths(annualCents: Cents, { start, end }: Period): Cents {
  let units = 0n;
  let cursor = start;
  while (compareDates(cursor, end) <= 0) {
    const monthStart = plainDate(cursor).with({ day: 1 }).toString();
    const nextMonth = addMonths(monthStart, 1);
    const last = minDate(end, addDays(nextMonth, -1));
    const days = BigInt(daysBetween(cursor, last) + 1);
    units += (days * MONTH_UNITS) / BigInt(daysInMonth(cursor));
    cursor = nextMonth;
  }
  return mulDivRound(annualCents, units, MONTH_UNITS * 12n);
}

function prorateByDays(annualCents: Cents, { start, end }: Period): Cents {
  let units = 0n;
  let cursor = start;
  while (compareDates(cursor, end) <= 0) {
    const year = plainDate(cursor).year;
    const last = minDate(end, `${year}-12-31`);
    const days = BigInt(daysBetween(cursor, last) + 1);
    units += (days * YEAR_UNITS) / BigInt(daysInYear(year));
    cursor = addDays(last, 1);
  }
  return mulDivRound(annualCents, units, YEAR_UNITS);
}

export interface FundingLine {
  id: string;
  label: string;
  annualAmountCents: Cents;
  /** The part of the year this component is funded (null when it is not funded that year). */
  period: Period | null;
  amountCents: Cents;
  declaredAmountCents: Cents;
  articles: string[];
}

export interface FundingBreakdown {
  conventionId: string;
  year: number;
  basis: ProrationBasis;
  components: FundingLine[];
  totalCents: Cents;
  declaredTotalCents: Cents;
  articles: string[];
}

/** The period of a component within a year and within the convention, or null. */
export function componentPeriod(
  convention: Convention,
  componentStartsOn: string,
  year: number,
): Period | null {
  const start = maxDate(maxDate(componentStartsOn, `${year}-01-01`), convention.period.start);
  const end = minDate(`${year}-12-31`, convention.period.end);
  return compareDates(start, end) <= 0 ? { start, end } : null;
}

/** What each funding component amounts to for a year, on the convention's own proration basis. */
export function fundingBreakdown(
  convention: Convention,
  year = plainDate(convention.period.start).year,
): FundingBreakdown {
  if (!Number.isInteger(year)) throw new DomainError('invalid_input', `year: ${year} is not a whole year`);
  const basis = convention.funding.prorationBasis;
  const components = convention.funding.components.map((c) => {
    const period = componentPeriod(convention, c.startsOn, year);
    return {
      id: c.id,
      label: c.label,
      annualAmountCents: c.annualAmountCents,
      period,
      amountCents: period ? prorate(c.annualAmountCents, period, basis) : 0,
      declaredAmountCents: c.declaredAmountCents,
      articles: c.articles,
    };
  });
  return {
    conventionId: convention.id,
    year,
    basis,
    components,
    totalCents: components.reduce((sum, c) => sum + c.amountCents, 0),
    declaredTotalCents: convention.funding.totalCents,
    articles: convention.funding.articles,
  };
}
