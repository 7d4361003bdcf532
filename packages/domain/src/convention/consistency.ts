import { capacityDays } from '../activity/days-of-care.ts';
import { daysBetween, plainDate } from '../calendar.ts';
import { formatEuros } from '../money.ts';
import { fundingBreakdown } from './funding.ts';
import type { Convention } from './schema.ts';

export type FindingSeverity = 'info' | 'warning' | 'error';

/**
 * One comparison of a declared figure with what it should be derived from. `info` means the
 * figures agree (kept, so a reader sees what was checked), `warning` a disagreement that does not
 * stop the convention from working, `error` a figure that cannot be met as written.
 */
export interface Finding {
  id: string;
  severity: FindingSeverity;
  message: string;
  articles: string[];
  expected: number | string;
  declared: number | string;
}

function compare(
  id: string,
  articles: string[],
  expected: number,
  declared: number,
  describe: (ok: boolean) => string,
  mismatch: FindingSeverity = 'warning',
): Finding {
  const ok = expected === declared;
  return { id, severity: ok ? 'info' : mismatch, message: describe(ok), articles, expected, declared };
}

const eur = (cents: number) => formatEuros(cents, { plainSpaces: true });

/** Every check of a convention's own figures against each other. Pure: no I/O, same answer each run. */
export function checkConsistency(convention: Convention): Finding[] {
  const findings: Finding[] = [];
  const year = plainDate(convention.period.start).year;
  const breakdown = fundingBreakdown(convention, year);
  const { funding, budgetLine, activityTarget, deliberation } = convention;

  for (const line of breakdown.components) {
    findings.push(
      compare(
        `funding.component.${line.id}`,
        line.articles,
        line.amountCents,
        line.declaredAmountCents,
        (ok) =>
          `${line.label}: ${eur(line.annualAmountCents)} per year prorated by ${breakdown.basis} from ${line.period?.start ?? '—'} to ${line.period?.end ?? '—'} gives ${eur(line.amountCents)}${ok ? ', as declared' : `, not the declared ${eur(line.declaredAmountCents)}`}.`,
      ),
    );
  }

  findings.push(
    compare(
      'funding.total-vs-components',
      funding.articles,
      breakdown.totalCents,
      funding.totalCents,
      (ok) =>
        `The prorated components add up to ${eur(breakdown.totalCents)}${ok ? ', the declared participation' : `, not the declared participation of ${eur(funding.totalCents)}`}.`,
      'error',
    ),
  );

  const annualSum = funding.components.reduce((sum, c) => sum + c.annualAmountCents, 0);
  findings.push(
    compare(
      'funding.reference-budget-vs-components',
      ['art. 2', 'rapport n°41'],
      annualSum,
      funding.referenceBudgetCents,
      (ok) =>
        `The components' full-year amounts add up to ${eur(annualSum)}${ok ? ', the reference budget' : `, not the reference budget of ${eur(funding.referenceBudgetCents)}`}.`,
    ),
  );

  findings.push(
    compare(
      'budget.proposed-vs-total',
      budgetLine.articles,
      funding.totalCents,
      budgetLine.proposedCents,
      (ok) =>
        `The budget line commits ${eur(budgetLine.proposedCents)}${ok ? ', the participation' : `, not the participation of ${eur(funding.totalCents)}`}.`,
      'error',
    ),
  );

  const expectedBalance = budgetLine.creditsCents - budgetLine.proposedCents;
  findings.push(
    compare(
      'budget.balance',
      budgetLine.articles,
      expectedBalance,
      budgetLine.balanceCents,
      (ok) =>
        `Credits ${eur(budgetLine.creditsCents)} minus ${eur(budgetLine.proposedCents)} leave ${eur(expectedBalance)}${ok ? ', the declared balance' : `, not the declared balance of ${eur(budgetLine.balanceCents)}`}.`,
      'error',
    ),
  );

  convention.capacity.forEach((step) => {
    findings.push(
      compare(
        `capacity.categories-from-${step.from}`,
        step.articles,
        step.adults + step.minors,
        step.total,
        (ok) =>
          `From ${step.from}: ${step.adults} adult + ${step.minors} minor places make ${step.adults + step.minors}${ok ? ', the declared capacity' : `, not the declared ${step.total}`}.`,
        'error',
      ),
    );
  });

  // Art. 11 states the target as a rate and as days; the days should follow from the rate and capacity.
  const fullCapacity = convention.capacity.at(-1);
  if (fullCapacity) {
    const yearDays = daysBetween(`${year}-01-01`, `${year + 1}-01-01`);
    const fromRate = Math.round(fullCapacity.total * yearDays * activityTarget.rate * 100) / 100;
    findings.push({
      id: 'activity.target-vs-rate',
      severity: fromRate === activityTarget.days ? 'info' : 'warning',
      message:
        fromRate === activityTarget.days
          ? `${activityTarget.rate * 100} % of ${fullCapacity.total} places × ${yearDays} days is the declared ${activityTarget.days} days.`
          : `${activityTarget.rate * 100} % of ${fullCapacity.total} places × ${yearDays} days is ${fromRate} days, not the declared ${activityTarget.days} (${((activityTarget.days / (fullCapacity.total * yearDays)) * 100).toFixed(2)} % of capacity${activityTarget.days % yearDays === 0 ? `, i.e. ${activityTarget.days / yearDays} places all year` : ''}). The declared figure is kept as the contractual target.`,
      articles: activityTarget.articles,
      expected: fromRate,
      declared: activityTarget.days,
    });
  }

  const available = capacityDays(convention, convention.period);
  findings.push({
    id: 'activity.target-vs-capacity',
    severity: activityTarget.days > available ? 'error' : 'info',
    message:
      activityTarget.days > available
        ? `The capacity timeline offers ${available} place-days over ${convention.period.start} – ${convention.period.end}; the target of ${activityTarget.days} days cannot be reached even at 100 % take-up (95 % of the available place-days would be ${Math.round(available * activityTarget.rate * 100) / 100}).`
        : `The capacity timeline offers ${available} place-days, enough for the target of ${activityTarget.days} days.`,
    articles: [...activityTarget.articles, 'rapport n°41'],
    expected: Math.round(available * activityTarget.rate * 100) / 100,
    declared: activityTarget.days,
  });

  const periodYears = plainDate(convention.period.end).year - plainDate(convention.period.start).year + 1;
  if (convention.projectDurationYears !== null) {
    findings.push({
      id: 'period.project-duration',
      severity: convention.projectDurationYears === periodYears ? 'info' : 'warning',
      message:
        convention.projectDurationYears === periodYears
          ? `The project duration matches the convention period.`
          : `Art. 1 speaks of a project "pour une durée de 15 ans" while art. 8 applies the convention from ${convention.period.start} to ${convention.period.end}; the period of art. 8 governs the money and the duties here.`,
      articles: ['art. 1', 'art. 8'],
      expected: periodYears,
      declared: convention.projectDurationYears,
    });
  }

  const signedAfterStart = deliberation.date > convention.period.start;
  findings.push({
    id: 'period.signature-after-start',
    severity: signedAfterStart ? 'warning' : 'info',
    message: signedAfterStart
      ? `Art. 8 applies the convention from ${convention.period.start} but "à partir de la date de sa signature", which cannot precede the deliberation of ${deliberation.date}: duties before signature rest on the retroactive period.`
      : 'The deliberation precedes the start of the period.',
    articles: ['art. 8', 'délibération'],
    expected: convention.period.start,
    declared: deliberation.date,
  });

  // Votes cast can come only from present members who vote and excused members with a proxy.
  const { vote } = deliberation;
  const cast = vote.for + vote.against + vote.abstention;
  const possible = vote.membersPresent - vote.notVotingInterested + vote.membersExcused;
  findings.push({
    id: 'deliberation.votes-cast',
    severity: cast > possible ? 'warning' : 'info',
    message:
      cast > possible
        ? `${cast} votes were cast (${vote.for} for, ${vote.against} against, ${vote.abstention} abstention) but at most ${possible} members could vote: ${vote.membersPresent} present, ${vote.notVotingInterested} of whom took no part, and ${vote.membersExcused} excused.`
        : `${cast} votes cast out of ${possible} possible.`,
    articles: ['délibération'],
    expected: possible,
    declared: cast,
  });
  return findings;
}
