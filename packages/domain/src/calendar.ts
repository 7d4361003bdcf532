import { easter } from 'date-easter';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { DomainError } from './errors.ts';

/**
 * Plain calendar dates as ISO `YYYY-MM-DD` strings. No `Date`, no time zone: a date of birth or a
 * notice date is a day in the French calendar, not an instant. Arithmetic goes through
 * Temporal.PlainDate (temporal-polyfill), whose `add({ months })` clamps to the end of a shorter
 * month, which is exactly French "de quantième à quantième" counting (CPC art. 641).
 */
export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Parsing through the polyfill costs microseconds and the same few dates (today, a reference date,
// birth dates) come back on every evaluation; PlainDate is immutable, so parsed dates are shared.
const parsed = new Map<string, Temporal.PlainDate | null>();
const PARSED_MAX = 10_000;

function toPlainDate(value: string): Temporal.PlainDate | null {
  const known = parsed.get(value);
  if (known !== undefined) return known;
  let date: Temporal.PlainDate | null = null;
  if (ISO_DATE.test(value)) {
    try {
      date = Temporal.PlainDate.from(value, { overflow: 'reject' });
    } catch {
      date = null;
    }
  }
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(value, date);
  return date;
}

export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && toPlainDate(value) !== null;
}

/**
 * The JSON Schema `pattern` of an ISO date: zod's own calendar regex (`z.regexes.date`, what
 * `z.iso.date()` checks), which refuses impossible dates too: months 01–12, days up to the length of
 * the month, 29 February in leap years only (2000, 2024; not 1900, 2023). The tests check that it
 * accepts exactly what Temporal does.
 */
/** The dates the system accepts from outside: anything else is a typo or an attack, never a stay. */
export const DATE_RANGE = { min: '1900-01-01', max: '2100-12-31' } as const;

export const ISO_DATE_PATTERN: string = `^(?=(?:19\\d\\d|20\\d\\d|2100)-)${z.regexes.date.source.slice(1)}`;

/** A real calendar date between 1900-01-01 and 2100-12-31. */
export function isIsoDateInRange(value: string): boolean {
  return isIsoDate(value) && value >= DATE_RANGE.min && value <= DATE_RANGE.max;
}

/**
 * A real calendar date written `YYYY-MM-DD` (2023-02-29 and 2022-13-01 are refused). Validated by
 * Temporal (the refinement); `format` and `pattern` are metadata, so that the JSON Schemas and the
 * API's OpenAPI document refuse the same strings without changing the error the API answers.
 */
export const IsoDateSchema = z
  .string()
  .refine(isIsoDate, { message: 'must be a real calendar date written YYYY-MM-DD' })
  .refine((value) => !isIsoDate(value) || isIsoDateInRange(value), {
    message: `must be between ${DATE_RANGE.min} and ${DATE_RANGE.max}`,
  })
  .meta({
    id: 'IsoDate',
    description:
      'A calendar date, YYYY-MM-DD (Europe/Paris calendar, no time). The pattern refuses impossible dates as the API does (2022-13-01, 2022-04-31, 2023-02-29; 29 February only in leap years), and years outside 1900–2100.',
    format: 'date',
    pattern: ISO_DATE_PATTERN,
  });

/** Parses a date or throws a DomainError naming the field. */
export function plainDate(value: IsoDate, field = 'date'): Temporal.PlainDate {
  const date = toPlainDate(value);
  if (!date) {
    throw new DomainError('invalid_date', `${field}: "${value}" is not a real date written YYYY-MM-DD`, {
      issues: [{ path: field, message: 'must be a real calendar date written YYYY-MM-DD' }],
    });
  }
  return date;
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return Temporal.PlainDate.compare(plainDate(a), plainDate(b));
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) <= 0 ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return plainDate(date).add({ days }).toString();
}

/**
 * Adds calendar months "de quantième à quantième": the result has the same day number, or the last
 * day of the month when that month is shorter (31 January + 1 month = 28 or 29 February). CPC art. 641.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  return plainDate(date).add({ months }, { overflow: 'constrain' }).toString();
}

/** Number of days from `from` to `to` (`to` excluded): 2022-01-01 → 2022-01-02 is 1. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return plainDate(from).until(plainDate(to), { largestUnit: 'days' }).days;
}

export function daysInMonth(date: IsoDate): number {
  return plainDate(date).daysInMonth;
}

export function daysInYear(year: number): number {
  return Temporal.PlainDate.from({ year, month: 1, day: 1 }).daysInYear;
}

export function isLeapYear(year: number): boolean {
  return Temporal.PlainDate.from({ year, month: 1, day: 1 }).inLeapYear;
}

export function yearOf(date: IsoDate): number {
  return plainDate(date).year;
}

/** "Today" is a day in Europe/Paris, whatever the server's time zone. */
let today: { computedAt: number; date: IsoDate } | undefined;

export function todayInParis(now?: Temporal.Instant): IsoDate {
  if (now) return now.toZonedDateTimeISO('Europe/Paris').toPlainDate().toString();
  // A request path asks for today thousands of times a second; the answer is at most 1 s old.
  const ms = Date.now();
  if (!today || ms - today.computedAt >= 1_000 || ms < today.computedAt) {
    today = { computedAt: ms, date: todayInParis(Temporal.Instant.fromEpochMilliseconds(ms)) };
  }
  return today.date;
}

/**
 * How a person born on 29 February has a birthday in a common year. The ministerial circular of
 * 25 July 2013 says the last day of February (`feb28`); some read it as 1 March (`mar1`).
 */
export type LeapDayBirthday = 'feb28' | 'mar1';

export interface AgeOptions {
  leapDayBirthday?: LeapDayBirthday;
}

/** The date on which a person born on `birthDate` reaches `years` years of age. */
function computeAnniversary(birthDate: IsoDate, years: number, options: AgeOptions): IsoDate {
  const birth = plainDate(birthDate, 'birthDate');
  const target = birth.add({ years }, { overflow: 'constrain' });
  const movedOffLeapDay = birth.month === 2 && birth.day === 29 && target.day !== 29;
  if (movedOffLeapDay && (options.leapDayBirthday ?? 'feb28') === 'mar1')
    return target.add({ days: 1 }).toString();
  return target.toString();
}

// Ages are asked for the same few birth dates over and over (every evaluation, every deadline); the
// answer is a pure function of its arguments, so it is kept, within a bound.
const anniversaries = new Map<string, IsoDate>();

export function anniversary(birthDate: IsoDate, years: number, options: AgeOptions = {}): IsoDate {
  const key = `${birthDate}|${years}|${options.leapDayBirthday ?? 'feb28'}`;
  const known = anniversaries.get(key);
  if (known !== undefined) return known;
  const date = computeAnniversary(birthDate, years, options);
  if (anniversaries.size >= PARSED_MAX) anniversaries.clear();
  anniversaries.set(key, date);
  return date;
}

/**
 * Age in whole years on `at` (C. civ. art. 414: "dix-huit ans accomplis" is reached at 00:00 on the
 * birthday). Someone whose 18th birthday is `at` is 18 that day.
 */
export function ageAt(birthDate: IsoDate, at: IsoDate, options: AgeOptions = {}): number {
  const birth = plainDate(birthDate, 'birthDate');
  const day = plainDate(at, 'referenceDate');
  let years = day.year - birth.year;
  if (years >= 0 && compareDates(anniversary(birthDate, years, options), at) > 0) years -= 1;
  if (years < 0) {
    throw new DomainError('invalid_date', `referenceDate ${at} is before birthDate ${birthDate}`, {
      issues: [{ path: 'birthDate', message: 'must not be after the reference date' }],
    });
  }
  return years;
}

/**
 * French public holidays of the Code du travail art. L.3133-1 (metropolitan France outside
 * Alsace-Moselle, so the Pas-de-Calais): the list is law, the date of Easter comes from date-easter.
 */
export function publicHolidays(year: number): { date: IsoDate; name: string }[] {
  const e = easter(year);
  const easterSunday = Temporal.PlainDate.from({ year, month: e.month, day: e.day });
  const fixed = (month: number, day: number) => Temporal.PlainDate.from({ year, month, day }).toString();
  const fromEaster = (days: number) => easterSunday.add({ days }).toString();
  return [
    { date: fixed(1, 1), name: "Jour de l'an" },
    { date: fromEaster(1), name: 'Lundi de Pâques' },
    { date: fixed(5, 1), name: 'Fête du Travail' },
    { date: fixed(5, 8), name: 'Victoire 1945' },
    { date: fromEaster(39), name: 'Ascension' },
    { date: fromEaster(50), name: 'Lundi de Pentecôte' },
    { date: fixed(7, 14), name: 'Fête nationale' },
    { date: fixed(8, 15), name: 'Assomption' },
    { date: fixed(11, 1), name: 'Toussaint' },
    { date: fixed(11, 11), name: 'Armistice 1918' },
    { date: fixed(12, 25), name: 'Noël' },
  ].sort((a, b) => compareDates(a.date, b.date));
}

export function isPublicHoliday(date: IsoDate): boolean {
  return publicHolidays(yearOf(date)).some((h) => h.date === date);
}

/** Saturday, Sunday or a public holiday of L.3133-1. */
export function isNonWorkingDay(date: IsoDate): boolean {
  return plainDate(date).dayOfWeek >= 6 || isPublicHoliday(date);
}

/** The date itself when it is a working day, else the next working day (CPC art. 642 al. 2). */
export function nextWorkingDay(date: IsoDate): IsoDate {
  let day = date;
  while (isNonWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** Each day from `from` to `to`, both included. */
export function* eachDay(from: IsoDate, to: IsoDate): Generator<IsoDate> {
  for (let day = from; compareDates(day, to) <= 0; day = addDays(day, 1)) yield day;
}
