import { describe, expect, it } from 'vitest';
import { euros } from '../money.ts';
import { checkConsistency, type Finding, type FindingSeverity } from './consistency.ts';
import { convention2022417 as c } from './conventions/2022-417.ts';
import type { Convention } from './schema.ts';

function finding(findings: Finding[], id: string): Finding {
  const found = findings.find((f) => f.id === id);
  if (!found) throw new Error(`no finding ${id} among ${findings.map((f) => f.id).join(', ')}`);
  return found;
}

/** A deep copy of the convention with one figure changed. */
function altered(change: (copy: Convention) => void): Convention {
  const copy = structuredClone(c);
  change(copy);
  return copy;
}

function nth<T>(list: T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
}

describe('checkConsistency(convention 2022-417)', () => {
  const findings = checkConsistency(c);

  // What the lead documented: the money adds up; the activity target and the dates do not.
  const EXPECTED: [
    id: string,
    severity: FindingSeverity,
    expected: number | string,
    declared: number | string,
  ][] = [
    ['funding.component.tremplins', 'info', euros(98_000), euros(98_000)],
    ['funding.component.tremplins-duo', 'info', euros(99_000), euros(99_000)],
    ['funding.total-vs-components', 'info', euros(197_000), euros(197_000)],
    ['funding.reference-budget-vs-components', 'info', euros(230_000), euros(230_000)],
    ['budget.proposed-vs-total', 'info', euros(197_000), euros(197_000)],
    ['budget.balance', 'info', euros(93_000), euros(93_000)],
    ['capacity.categories-from-2022-01-01', 'info', 10, 10],
    ['capacity.categories-from-2022-04-01', 'info', 23, 23],
    ['activity.target-vs-rate', 'warning', 7975.25, 8030],
    ['activity.target-vs-capacity', 'error', 6863.75, 8030],
    ['period.project-duration', 'warning', 1, 15],
    ['period.signature-after-start', 'warning', '2022-01-01', '2022-10-17'],
    ['deliberation.votes-cast', 'warning', 40, 41],
  ];

  it('returns exactly the documented findings, in order', () => {
    expect(findings.map((f) => f.id)).toEqual(EXPECTED.map(([id]) => id));
  });

  it.each(EXPECTED)('%s is %s (expected %j, declared %j)', (id, severity, expected, declared) => {
    expect(finding(findings, id)).toMatchObject({ severity, expected, declared });
  });

  it.each(findings.map((f) => [f.id, f] as const))(
    '%s cites at least one article and explains itself',
    (_id, f) => {
      expect(f.articles.length).toBeGreaterThan(0);
      for (const article of f.articles) expect(article.trim()).not.toBe('');
      expect(f.message.length).toBeGreaterThan(10);
    },
  );

  it('is pure: the same answer each run, and the convention is untouched', () => {
    const before = structuredClone(c);
    expect(checkConsistency(c)).toEqual(findings);
    expect(c).toEqual(before);
  });

  it('explains the 8 030 days: 95.65 % of capacity, i.e. 22 places all year (art. 11)', () => {
    const f = finding(findings, 'activity.target-vs-rate');
    expect(f.message).toContain('7975.25');
    expect(f.message).toContain('95.65 %');
    expect(f.message).toContain('22 places all year');
    expect(f.articles).toEqual(['art. 11']);
  });

  it('says the capacity timeline offers only 7 225 place-days in 2022 (10 × 90 + 23 × 275)', () => {
    const f = finding(findings, 'activity.target-vs-capacity');
    expect(f.message).toContain('7225 place-days');
    expect(f.message).toContain('6863.75');
    expect(f.articles).toEqual(['art. 11', 'rapport n°41']);
  });

  it('counts 41 votes cast against 40 possible (32 present − 1 interested + 9 excused)', () => {
    const f = finding(findings, 'deliberation.votes-cast');
    expect(f.message).toContain('41 votes were cast');
    expect(f.message).toContain('at most 40 members');
  });

  it('shows amounts in French in its messages', () => {
    expect(finding(findings, 'funding.total-vs-components').message).toContain('197 000,00 €');
    expect(finding(findings, 'budget.balance').message).toContain('93 000,00 €');
  });
});

describe('checkConsistency on altered conventions', () => {
  it.each([
    {
      what: 'balance 92 000 €',
      change: (x: Convention) => {
        x.budgetLine.balanceCents = euros(92_000);
      },
      id: 'budget.balance',
      severity: 'error',
    },
    {
      what: 'declared total 196 000 €',
      change: (x: Convention) => {
        x.funding.totalCents = euros(196_000);
      },
      id: 'funding.total-vs-components',
      severity: 'error',
    },
    {
      what: 'declared total 196 000 € (budget line still 197 000 €)',
      change: (x: Convention) => {
        x.funding.totalCents = euros(196_000);
      },
      id: 'budget.proposed-vs-total',
      severity: 'error',
    },
    {
      what: 'duo declared at 99 452,05 € (days basis)',
      change: (x: Convention) => {
        nth(x.funding.components, 1).declaredAmountCents = euros(99_452.05);
      },
      id: 'funding.component.tremplins-duo',
      severity: 'warning',
    },
    {
      what: 'reference budget 240 000 €',
      change: (x: Convention) => {
        x.funding.referenceBudgetCents = euros(240_000);
      },
      id: 'funding.reference-budget-vs-components',
      severity: 'warning',
    },
    {
      what: 'capacity 24 for 17 + 6',
      change: (x: Convention) => {
        nth(x.capacity, 1).total = 24;
      },
      id: 'capacity.categories-from-2022-04-01',
      severity: 'error',
    },
    {
      what: 'target lowered to 6 863 days, within the 7 225 place-days',
      change: (x: Convention) => {
        x.activityTarget.days = 6863;
      },
      id: 'activity.target-vs-capacity',
      severity: 'info',
    },
    {
      what: 'vote 39 for',
      change: (x: Convention) => {
        x.deliberation.vote.for = 39;
      },
      id: 'deliberation.votes-cast',
      severity: 'info',
    },
    {
      what: 'deliberation before the period',
      change: (x: Convention) => {
        x.deliberation.date = '2021-12-15';
      },
      id: 'period.signature-after-start',
      severity: 'info',
    },
  ] satisfies { what: string; change: (x: Convention) => void; id: string; severity: FindingSeverity }[])(
    '$what → $severity $id',
    ({ change, id, severity }) => {
      expect(finding(checkConsistency(altered(change)), id).severity).toBe(severity);
    },
  );

  it('a balance of 92 000 € names both figures', () => {
    const f = finding(
      checkConsistency(
        altered((x) => {
          x.budgetLine.balanceCents = euros(92_000);
        }),
      ),
      'budget.balance',
    );
    expect(f).toMatchObject({ expected: euros(93_000), declared: euros(92_000) });
    expect(f.message).toContain('92 000,00 €');
  });

  it('a convention without a project duration has no period.project-duration finding', () => {
    const ids = checkConsistency(
      altered((x) => {
        x.projectDurationYears = null;
      }),
    ).map((f) => f.id);
    expect(ids).not.toContain('period.project-duration');
  });
});
