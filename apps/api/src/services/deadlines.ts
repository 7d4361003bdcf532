import type { Deadline, DeadlineKind } from '@tremplins/client';
import {
  addDays,
  type Convention,
  compareDates,
  reportingDeadline,
  stayRuleFor,
  yearOf,
} from '@tremplins/domain';
import { evaluateStay } from '@tremplins/rules';
import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import { beneficiaries, places, stays } from '../db/schema.ts';
import type { Store } from '../db/store.ts';
import type { Principal } from '../deps.ts';
import { decryptFacts } from './beneficiaries.ts';
import { visibleTo } from './scope.ts';

/** The alerts of the stays rule file that are birthdays, and the deadline kind each becomes. */
const BIRTHDAY_ALERTS: Readonly<Record<string, DeadlineKind>> = {
  'minor-turns-18': 'turns_18',
  'adult-turns-21': 'turns_21',
};

/**
 * What falls due between `asOf` and `asOf + withinDays` (both included): the art. 12 report, planned
 * stay ends, minors in a stay turning 18 and adults turning 21. Young people appear by their
 * pseudonymous id only.
 */
export async function deadlinesOf(
  store: Store,
  cipher: FieldCipher,
  principal: Principal,
  convention: Convention,
  asOf: string,
  withinDays: number,
): Promise<Deadline[]> {
  const until = addDays(asOf, withinDays);
  const within = (date: string) => compareDates(asOf, date) <= 0 && compareDates(date, until) <= 0;
  const deadlines: Deadline[] = [];

  for (let year = yearOf(convention.period.start); year <= yearOf(convention.period.end); year++) {
    const report = reportingDeadline(convention, year);
    if (within(report.dueOn) || within(report.extendedDueOn)) {
      const moved =
        report.extendedDueOn !== report.dueOn ? ` (jour ouvré suivant : ${report.extendedDueOn})` : '';
      deadlines.push({
        kind: 'report_due',
        dueOn: report.dueOn,
        label: `Exercice ${year} : ${report.documents.join(', ')} à transmettre${moved}`,
        articles: report.articles,
      });
    }
  }

  const open = await store.db
    .select({
      stayId: stays.id,
      placeId: stays.placeId,
      category: stays.category,
      plannedEndOn: stays.plannedEndOn,
      startOn: stays.startOn,
      renewals: stays.renewals,
      associationId: stays.associationId,
      beneficiaryId: beneficiaries.id,
      factsEnc: beneficiaries.factsEnc,
    })
    .from(stays)
    .innerJoin(places, eq(places.id, stays.placeId))
    .innerJoin(beneficiaries, eq(beneficiaries.id, stays.beneficiaryId))
    .where(
      and(
        eq(places.conventionId, convention.id),
        lte(stays.startOn, until),
        or(isNull(stays.endOn), gt(stays.endOn, asOf)),
      ),
    );
  for (const stay of open.filter((s) => visibleTo(principal, s.associationId))) {
    const who = { beneficiaryId: stay.beneficiaryId, stayId: stay.stayId, placeId: stay.placeId };
    if (within(stay.plannedEndOn)) {
      deadlines.push({
        kind: 'stay_ending',
        dueOn: stay.plannedEndOn,
        label: `Fin prévue du séjour en place ${stay.placeId}`,
        articles: stayRuleFor(convention.stayRules, stay.category).articles,
        ...who,
      });
    }
    // An erased record has no birth date left: its stay still ends, no birthday is announced.
    if (stay.factsEnc === null) continue;
    const { birthDate } = decryptFacts(cipher, { id: stay.beneficiaryId, factsEnc: stay.factsEnc });
    // Which birthdays matter, and under which articles, is the stays rule file's to say (art. 4, 6, 11).
    const { alerts } = await evaluateStay({
      birthDate,
      startOn: stay.startOn,
      category: stay.category,
      renewals: stay.renewals,
      asOf,
    });
    for (const alert of alerts) {
      const kind = BIRTHDAY_ALERTS[alert.id];
      if (kind && within(alert.on)) {
        deadlines.push({
          kind,
          dueOn: alert.on,
          label: `${alert.label} (place ${stay.placeId})`,
          articles: alert.article.split(/,\s*/),
          ...who,
        });
      }
    }
  }
  return deadlines.sort((a, b) => compareDates(a.dueOn, b.dueOn) || a.kind.localeCompare(b.kind));
}
