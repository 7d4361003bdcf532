import { addDays, compareDates, daysBetween, maxDate, minDate } from '../calendar.ts';
import type { CapacityStep, Convention, DayCounting, Period, PlaceCategory } from '../convention/schema.ts';
import { DomainError } from '../errors.ts';

/** What a day count needs of a stay: its entry date and its exit date, if it has ended. */
export interface StaySpan {
  startOn: string;
  /** The exit date; null while the young person is still housed. */
  endOn: string | null;
}

/** Days the span covers in `period` (both included) under the counting rule. */
export function daysOfCareForStay(stay: StaySpan, period: Period, counting: DayCounting = 'nights'): number {
  if (stay.endOn !== null && compareDates(stay.endOn, stay.startOn) < 0) {
    throw new DomainError('invalid_input', `endOn ${stay.endOn} is before startOn ${stay.startOn}`, {
      issues: [{ path: 'endOn', message: 'must not be before startOn' }],
    });
  }
  // "nights": the entry day counts, the exit day does not (a night spent is a day of care).
  const lastCounted =
    stay.endOn === null ? period.end : counting === 'nights' ? addDays(stay.endOn, -1) : stay.endOn;
  const from = maxDate(stay.startOn, period.start);
  const to = minDate(lastCounted, period.end);
  return compareDates(from, to) > 0 ? 0 : daysBetween(from, to) + 1;
}

/** Days of care ("journées de prise en charge") of a list of stays in a period. */
export function daysOfCare(
  stays: Iterable<StaySpan>,
  period: Period,
  counting: DayCounting = 'nights',
): number {
  let total = 0;
  for (const stay of stays) total += daysOfCareForStay(stay, period, counting);
  return total;
}

function placesOf(step: CapacityStep, category?: PlaceCategory): number {
  if (category === 'adult') return step.adults;
  if (category === 'minor') return step.minors;
  return step.total;
}

/** Place-days the capacity timeline offers in a period (all places, or one category). */
export function capacityDays(convention: Convention, period: Period, category?: PlaceCategory): number {
  let total = 0;
  for (const step of convention.capacity) {
    const from = maxDate(step.from, maxDate(period.start, convention.period.start));
    const to = minDate(step.to ?? convention.period.end, minDate(period.end, convention.period.end));
    if (compareDates(from, to) <= 0) total += placesOf(step, category) * (daysBetween(from, to) + 1);
  }
  return total;
}

/** The capacity step in force on a date, or undefined outside the timeline. */
export function capacityOn(convention: Convention, date: string): CapacityStep | undefined {
  return convention.capacity.find(
    (step) => compareDates(step.from, date) <= 0 && compareDates(date, step.to ?? convention.period.end) <= 0,
  );
}

export interface Occupancy {
  period: Period;
  days: number;
  capacityDays: number;
  /** days / capacityDays; null when there is no capacity in the period. */
  rate: number | null;
  targetDays: number;
  /** days / targetDays (art. 11 states the target in days). */
  targetRate: number;
}

/** Take-up of a convention in a period, against capacity and against the activity target of art. 11. */
export function occupancy(convention: Convention, stays: Iterable<StaySpan>, period: Period): Occupancy {
  const days = daysOfCare(stays, period, convention.activityTarget.dayCounting);
  const capacity = capacityDays(convention, period);
  const targetDays = convention.activityTarget.days;
  return {
    period,
    days,
    capacityDays: capacity,
    rate: capacity === 0 ? null : days / capacity,
    targetDays,
    targetRate: days / targetDays,
  };
}
