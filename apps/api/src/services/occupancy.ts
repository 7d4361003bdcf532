import type { OccupancyReport } from '@tremplins/client';
import { addDays, type Convention, capacityDays, compareDates, type Period } from '@tremplins/domain';
import { sql } from 'drizzle-orm';
import type { Store } from '../db/store.ts';
import { ApiProblem } from '../http/problem.ts';

export type { OccupancyReport };

/**
 * Days of care of the stored stays, as interval arithmetic in SQL: one row per stay, never one per day
 * (least/greatest on dates; 100 000 stays stay under a quarter of a second on PGlite).
 * A stay counts its nights: the entry day counts, the exit day does not. The projection lets every open
 * stay run to its planned end and admits nobody new.
 */
export async function occupancyOf(
  store: Store,
  convention: Convention,
  period: Period,
  asOf: string,
): Promise<OccupancyReport> {
  if (compareDates(period.start, period.end) > 0) {
    throw new ApiProblem('invalid_request', 'from is after to', {
      errors: [{ path: 'to', message: 'must not be before from' }],
    });
  }
  // Capacity and the art. 11 target are the convention's: a period beyond it would be measured against nothing.
  const { start, end } = convention.period;
  const outside = [
    ...(compareDates(period.start, start) < 0
      ? [{ path: 'from', message: `must not be before ${start}` }]
      : []),
    ...(compareDates(period.end, end) > 0 ? [{ path: 'to', message: `must not be after ${end}` }] : []),
  ];
  if (outside.length > 0) {
    throw new ApiProblem(
      'invalid_request',
      `the period must lie within convention ${convention.id} (${start} to ${end})`,
      {
        errors: outside,
      },
    );
  }
  const offset = convention.activityTarget.dayCounting === 'nights' ? 1 : 0;
  const from = period.start;
  const to = period.end;
  const lastRecorded = addDays(asOf, -1);
  const [row] = await store.rows<{ days: number; projected: number }>(sql`
    select
      coalesce(sum(greatest(0,
        least(coalesce(s.end_on - ${offset}::int, ${lastRecorded}::date), ${lastRecorded}::date, ${to}::date)
        - greatest(s.start_on, ${from}::date) + 1)), 0)::int as days,
      coalesce(sum(greatest(0,
        least(coalesce(s.end_on - ${offset}::int, greatest(s.planned_end_on - ${offset}::int, ${lastRecorded}::date)), ${to}::date)
        - greatest(s.start_on, ${from}::date) + 1)), 0)::int as projected
    from stays s
    join places p on p.id = s.place_id
    where p.convention_id = ${convention.id}
      and s.start_on <= ${to}::date
      and (s.end_on is null or s.end_on > ${from}::date)`);
  const days = Number(row?.days ?? 0);
  const projected = Number(row?.projected ?? 0);
  const capacity = capacityDays(convention, period);
  const targetDays = convention.activityTarget.days;
  const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);
  return {
    conventionId: convention.id,
    period,
    asOf,
    days,
    capacityDays: capacity,
    rate: ratio(days, capacity),
    targetDays,
    targetRate: ratio(days, targetDays) ?? 0,
    projection: {
      days: projected,
      rate: ratio(projected, capacity),
      targetRate: ratio(projected, targetDays) ?? 0,
      basis:
        'Journées déjà réalisées, plus celles des séjours en cours jusqu’à leur fin prévue, sans nouvelle entrée.',
    },
  };
}
