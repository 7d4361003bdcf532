// Art. 14 reimbursement, on both evaluators: total triggers govern, the prorata temporis of a ceased
// action (months/12, the convention's own basis: FACTS.md §5), and the negotiable activity shortfall
// against the reachable target (95 % of the 7 225 place-days offered in 2022, not the stated 8 030).
import { describe, expect, it } from 'vitest';
import {
  evaluateReimbursement,
  type ReimbursementFindings,
  type ReimbursementResult,
  ReimbursementResultSchema,
} from './reimbursement.ts';
import { onBothEngines, rejectionOnBothEngines } from './test-support/both-engines.ts';

/** Both engines agree, and the answer has its published shape. */
async function both(
  findings: ReimbursementFindings,
  conventionId = '2022-417',
): Promise<ReimbursementResult> {
  const result = await onBothEngines((engine) => evaluateReimbursement(conventionId, findings, { engine }));
  return ReimbursementResultSchema.parse(result);
}
const rejection = (findings: unknown, conventionId = '2022-417') =>
  rejectionOnBothEngines((engine) =>
    evaluateReimbursement(conventionId, findings as ReimbursementFindings, { engine }),
  );

/** Exact `numerator / denominator` in cents, rounded half away from zero. */
function roundRatio(numerator: bigint, denominator: bigint): number {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (2n * n + d) / (2n * d);
  return Number(negative ? -rounded : rounded);
}

const EUR = 100n;
const FULL = 19_700_000;
const TREMPLINS = 98_000n * EUR;
const DUO = 132_000n * EUR;
// 95 % of the place-days offered in 2022: 10 places × 90 days (Jan–Mar) + 23 places × 275 days.
const PLACE_DAYS_2022 = 10 * 90 + 23 * 275;
const REACHABLE_X4 = (PLACE_DAYS_2022 * 95 * 4) / 100; // 6 863,75 × 4 = 27 455, an exact integer

/** Suggested shortfall amount: 197 000 € × (6 863,75 − achieved) ÷ 6 863,75, exact, rounded once. */
const shortfallCents = (achieved: number) =>
  roundRatio(BigInt(FULL) * BigInt(REACHABLE_X4 - achieved * 4), BigInt(REACHABLE_X4));

const FRENCH_BASIS = /Totalit|Prorata temporis|Suggestion|négocier/;

describe('evaluateReimbursement: nothing established (art. 14)', () => {
  it.each([
    { why: 'no finding', findings: {} },
    {
      why: 'every finding favourable',
      findings: {
        accountingAbsent: false,
        unjustifiedUse: false,
        supportNotMadeKnown: false,
        qualitativeObjectivesMet: true,
      },
    },
    { why: 'action ceased after the period (2023-01-01)', findings: { ceasedOn: '2023-01-01' } },
    { why: 'activity at the reachable target rounded up (6 864 days)', findings: { achievedDays: 6864 } },
    { why: 'activity at the stated target (8 030 days)', findings: { achievedDays: 8030 } },
    { why: 'activity above the stated target', findings: { achievedDays: 9000 } },
  ] as { why: string; findings: ReimbursementFindings }[])('$why → none, 0', async ({ findings }) => {
    expect(await both(findings)).toEqual({ kind: 'none', amountCents: 0, negotiable: false, triggers: [] });
  });
});

describe('evaluateReimbursement: total triggers (art. 14, art. 7)', () => {
  it.each([
    { fact: 'accountingAbsent', id: 'accounting-absent', articles: ['art. 14'] },
    { fact: 'unjustifiedUse', id: 'unjustified-use', articles: ['art. 14'] },
    { fact: 'supportNotMadeKnown', id: 'support-not-made-known', articles: ['art. 14', 'art. 7'] },
  ])('$fact alone → total reimbursement of 197 000 €, not negotiable', async ({ fact, id, articles }) => {
    const result = await both({ [fact]: true });
    expect(result).toMatchObject({ kind: 'total', amountCents: FULL, negotiable: false });
    expect(result.triggers).toHaveLength(1);
    const [trigger] = result.triggers;
    expect(trigger).toMatchObject({ id, kind: 'total', amountCents: FULL, negotiable: false });
    for (const article of articles) expect(trigger?.article).toContain(article);
    expect(trigger?.basis).toContain('197 000,00 €');
  });

  it('all three total triggers together → one total of 197 000 €, all listed', async () => {
    const result = await both({ accountingAbsent: true, unjustifiedUse: true, supportNotMadeKnown: true });
    expect(result).toMatchObject({ kind: 'total', amountCents: FULL, negotiable: false });
    expect(result.triggers.map((t) => t.id)).toEqual([
      'accounting-absent',
      'unjustified-use',
      'support-not-made-known',
    ]);
  });

  it.each([
    { partial: { ceasedOn: '2022-10-01' }, partialId: 'action-ceased' },
    { partial: { achievedDays: 0 }, partialId: 'activity-target-not-met' },
    { partial: { qualitativeObjectivesMet: false }, partialId: 'qualitative-objectives-not-met' },
  ] as { partial: ReimbursementFindings; partialId: string }[])(
    'a total trigger with $partialId → the total governs, both triggers listed',
    async ({ partial, partialId }) => {
      const result = await both({ unjustifiedUse: true, ...partial });
      expect(result).toMatchObject({ kind: 'total', amountCents: FULL, negotiable: false });
      expect(result.triggers.map((t) => [t.id, t.kind])).toEqual([
        ['unjustified-use', 'total'],
        [partialId, 'partial'],
      ]);
    },
  );
});

describe('evaluateReimbursement: action ceased, prorata temporis in months/12 (art. 14; FACTS.md §5)', () => {
  // Each component owes its share from ceasedOn (the first day without action) to 31 Dec 2022; a partial
  // month counts its days over the days of that month. Tremplins runs all year, Tremplins duo from 1 April.
  it.each([
    {
      ceasedOn: '2022-10-01',
      // 98 000 × 3/12 + 132 000 × 3/12 = 24 500 + 33 000 = 57 500 €
      tremplins: [3n, 12n],
      duo: [3n, 12n],
      expected: 5_750_000,
    },
    {
      ceasedOn: '2022-02-15',
      // before the duo starts: tremplins 98 000 × (14/28 + 10)/12, duo its full 9/12 = 99 000 €
      tremplins: [14n + 10n * 28n, 28n * 12n],
      duo: [9n, 12n],
      expected: 18_475_000,
    },
    {
      ceasedOn: '2022-01-01',
      // the whole year: 98 000 + 99 000 = 197 000 €
      tremplins: [12n, 12n],
      duo: [9n, 12n],
      expected: FULL,
    },
    {
      ceasedOn: '2022-04-01',
      // 98 000 × 9/12 + 132 000 × 9/12 = 73 500 + 99 000 = 172 500 €
      tremplins: [9n, 12n],
      duo: [9n, 12n],
      expected: 17_250_000,
    },
    {
      ceasedOn: '2022-12-31',
      // the last day only: (98 000 + 132 000) × (1/31)/12, each rounded once to the cent
      tremplins: [1n, 31n * 12n],
      duo: [1n, 31n * 12n],
      expected: 26_344 + 35_484,
    },
  ] as { ceasedOn: string; tremplins: [bigint, bigint]; duo: [bigint, bigint]; expected: number }[])(
    'ceasedOn $ceasedOn → partial, not negotiable, $expected cents',
    async ({ ceasedOn, tremplins, duo, expected }) => {
      const exact = roundRatio(TREMPLINS * tremplins[0], tremplins[1]) + roundRatio(DUO * duo[0], duo[1]);
      expect(exact).toBe(expected);
      const result = await both({ ceasedOn });
      expect(result).toMatchObject({ kind: 'partial', amountCents: expected, negotiable: false });
      expect(result.triggers).toHaveLength(1);
      expect(result.triggers[0]).toMatchObject({
        id: 'action-ceased',
        kind: 'partial',
        article: 'art. 14',
        amountCents: expected,
        negotiable: false,
      });
      expect(result.triggers[0]?.basis).toContain(ceasedOn);
    },
  );

  it('the 57 500 € basis names both components and the sum', async () => {
    const [trigger] = (await both({ ceasedOn: '2022-10-01' })).triggers;
    expect(trigger?.basis).toContain('24 500,00 €');
    expect(trigger?.basis).toContain('33 000,00 €');
    expect(trigger?.basis).toContain('= 57 500,00 €');
  });

  it('a cessation announced before the period reimburses the whole participation', async () => {
    expect(await both({ ceasedOn: '2021-06-01' })).toMatchObject({ kind: 'partial', amountCents: FULL });
  });
});

describe('evaluateReimbursement: activity shortfall (art. 11, art. 14)', () => {
  it('the reachable target is 6 863,75 days: 95 % of 7 225 place-days, below the stated 8 030', () => {
    expect(PLACE_DAYS_2022).toBe(7225);
    expect(REACHABLE_X4 / 4).toBe(6863.75);
  });

  it.each([{ achievedDays: 6000 }, { achievedDays: 0 }, { achievedDays: 3431 }, { achievedDays: 6863 }])(
    'achievedDays $achievedDays → partial, negotiable, suggested amount exact to the cent',
    async ({ achievedDays }) => {
      const expected = shortfallCents(achievedDays);
      const result = await both({ achievedDays });
      expect(result).toMatchObject({ kind: 'partial', amountCents: expected, negotiable: true });
      expect(result.triggers).toHaveLength(1);
      expect(result.triggers[0]).toMatchObject({
        id: 'activity-target-not-met',
        kind: 'partial',
        amountCents: expected,
        negotiable: true,
      });
      expect(result.triggers[0]?.article).toContain('art. 11');
      expect(result.triggers[0]?.basis).toContain('6863.75');
    },
  );

  it('6 000 days → 2 479 093 cents (19 700 000 × 863,75 / 6 863,75)', () => {
    expect(shortfallCents(6000)).toBe(2_479_093);
    expect(shortfallCents(0)).toBe(FULL);
    expect(shortfallCents(6863)).toBe(2153);
  });

  it('qualitative objectives not met → partial, amount 0, to negotiate', async () => {
    const result = await both({ qualitativeObjectivesMet: false });
    expect(result).toMatchObject({ kind: 'partial', amountCents: 0, negotiable: true });
    expect(result.triggers.map((t) => t.id)).toEqual(['qualitative-objectives-not-met']);
    expect(result.triggers[0]?.article).toContain('art. 14');
  });
});

describe('evaluateReimbursement: several partial triggers → the largest amount governs', () => {
  it.each([
    {
      why: 'ceased 2022-10-01 (57 500 €) and 6 000 days (24 790,93 €) → the prorata governs',
      findings: { ceasedOn: '2022-10-01', achievedDays: 6000 },
      amountCents: 5_750_000,
      negotiable: false,
    },
    {
      why: 'ceased 2022-12-31 (618,28 €) and 6 000 days → the shortfall governs, negotiable',
      findings: { ceasedOn: '2022-12-31', achievedDays: 6000 },
      amountCents: 2_479_093,
      negotiable: true,
    },
    {
      why: 'ceased 2022-10-01 and qualitative objectives not met (0 €) → the prorata governs',
      findings: { ceasedOn: '2022-10-01', qualitativeObjectivesMet: false },
      amountCents: 5_750_000,
      negotiable: false,
    },
  ] as { why: string; findings: ReimbursementFindings; amountCents: number; negotiable: boolean }[])(
    '$why',
    async ({ findings, amountCents, negotiable }) => {
      const result = await both(findings);
      expect(result).toMatchObject({ kind: 'partial', amountCents, negotiable });
      expect(result.triggers.length).toBeGreaterThanOrEqual(2);
      expect(Math.max(...result.triggers.map((t) => t.amountCents))).toBe(amountCents);
    },
  );
});

describe('evaluateReimbursement: every trigger explains its amount in French', () => {
  it('each trigger carries a non-empty French basis', async () => {
    const result = await both({
      accountingAbsent: true,
      unjustifiedUse: true,
      supportNotMadeKnown: true,
      ceasedOn: '2022-10-01',
      achievedDays: 6000,
      qualitativeObjectivesMet: false,
    });
    expect(result.triggers.map((t) => t.id)).toEqual([
      'accounting-absent',
      'unjustified-use',
      'support-not-made-known',
      'action-ceased',
      'activity-target-not-met',
      'qualitative-objectives-not-met',
    ]);
    for (const trigger of result.triggers) {
      expect(trigger.basis.trim().length, trigger.id).toBeGreaterThan(10);
      expect(trigger.basis, trigger.id).toMatch(FRENCH_BASIS);
      expect(trigger.label.trim().length, trigger.id).toBeGreaterThan(10);
    }
  });
});

describe('evaluateReimbursement: invalid input', () => {
  it.each([
    { why: 'unknown key', findings: { nationality: 'FR' }, field: 'nationality' },
    { why: 'impossible date', findings: { ceasedOn: '2022-02-30' }, field: 'ceasedOn' },
    { why: 'date not ISO', findings: { ceasedOn: '01/10/2022' }, field: 'ceasedOn' },
    { why: 'negative days', findings: { achievedDays: -1 }, field: 'achievedDays' },
    { why: 'fractional days', findings: { achievedDays: 10.5 }, field: 'achievedDays' },
    { why: 'a string for a boolean', findings: { accountingAbsent: 'yes' }, field: 'accountingAbsent' },
  ])('$why → invalid_input naming $field', async ({ findings, field }) => {
    const error = await rejection(findings);
    expect(error.code).toBe('invalid_input');
    expect(error.issues.map((i) => i.path)).toContain(field);
    expect(error.message).toContain(field);
  });

  it('an unknown convention → unknown_convention', async () => {
    const error = await rejection({}, '2099-999');
    expect(error.code).toBe('unknown_convention');
    expect(error.message).toContain('2099-999');
  });
});
