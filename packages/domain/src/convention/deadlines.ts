import { addMonths, type IsoDate, nextWorkingDay, plainDate } from '../calendar.ts';
import type { Convention } from './schema.ts';

/**
 * Art. 17: termination takes effect one month after receipt of the registered letter, counted
 * "de quantième à quantième", the day of receipt not counted, with no prorogation. The notice ends
 * at 24:00 on the returned date, which is never moved for a weekend or a public holiday (a notice
 * period is not a time limit to act: Cass. 3e civ., 8 March 2018, n°17-11.312).
 */
export function terminationEffectiveOn(convention: Convention, noticeReceivedOn: IsoDate): IsoDate {
  plainDate(noticeReceivedOn, 'noticeReceivedOn');
  return addMonths(noticeReceivedOn, convention.termination.noticeMonths);
}

export interface ReportingDeadline {
  financialYear: number;
  documents: string[];
  /** The date the convention writes (28 February of the next year). */
  dueOn: IsoDate;
  /**
   * The next working day when `dueOn` is a Saturday, Sunday or public holiday (CPC art. 642 applied by
   * analogy); equal to `dueOn` otherwise. Both are shown: whether 642 governs a contractual date is debated.
   */
  extendedDueOn: IsoDate;
  articles: string[];
}

/** Art. 12: the administrative account and activity report for `financialYear`. */
export function reportingDeadline(convention: Convention, financialYear: number): ReportingDeadline {
  const { dueMonth, dueDay, yearOffset, documents, articles } = convention.reporting;
  const month = String(dueMonth).padStart(2, '0');
  const dueOn = plainDate(`${financialYear + yearOffset}-${month}-01`)
    .with({ day: dueDay }, { overflow: 'constrain' })
    .toString();
  return { financialYear, documents, dueOn, extendedDueOn: nextWorkingDay(dueOn), articles };
}
