// The convention's duties: the preconditions of the single payment (art. 10) and the documents due
// on 28 February of the next year (art. 12), on both evaluators.
import { describe, expect, it } from 'vitest';
import { evaluateDuties, type PaymentFacts } from './duties.ts';
import { onBothEngines, rejectionOnBothEngines } from './test-support/both-engines.ts';

const both = (facts: PaymentFacts, conventionId = '2022-417') =>
  onBothEngines((engine) => evaluateDuties(conventionId, facts, { engine }));
const rejection = (facts: unknown, conventionId = '2022-417') =>
  rejectionOnBothEngines((engine) => evaluateDuties(conventionId, facts as PaymentFacts, { engine }));

const SIGNED = 'signed-by-all-parties';
const BANK = 'bank-details-provided';

describe('evaluateDuties: payment preconditions (art. 10)', () => {
  it.each([
    {
      why: 'nothing known',
      facts: {},
      payable: null,
      outcomes: { [SIGNED]: 'unknown', [BANK]: 'unknown' },
      missingFacts: ['signedByAllParties', 'bankDetailsProvided'],
    },
    {
      why: 'signed, bank details unknown',
      facts: { signedByAllParties: true },
      payable: null,
      outcomes: { [SIGNED]: 'passed', [BANK]: 'unknown' },
      missingFacts: ['bankDetailsProvided'],
    },
    {
      why: 'bank details produced, signature unknown',
      facts: { bankDetailsProvided: true },
      payable: null,
      outcomes: { [SIGNED]: 'unknown', [BANK]: 'passed' },
      missingFacts: ['signedByAllParties'],
    },
    {
      why: 'signed and bank details produced',
      facts: { signedByAllParties: true, bankDetailsProvided: true },
      payable: true,
      outcomes: { [SIGNED]: 'passed', [BANK]: 'passed' },
      missingFacts: [],
    },
    {
      why: 'signed, no bank details',
      facts: { signedByAllParties: true, bankDetailsProvided: false },
      payable: false,
      outcomes: { [SIGNED]: 'passed', [BANK]: 'failed' },
      missingFacts: [],
    },
    {
      why: 'not signed, bank details produced',
      facts: { signedByAllParties: false, bankDetailsProvided: true },
      payable: false,
      outcomes: { [SIGNED]: 'failed', [BANK]: 'passed' },
      missingFacts: [],
    },
    {
      why: 'no bank details, signature unknown: a failed check outweighs an unknown one',
      facts: { bankDetailsProvided: false },
      payable: false,
      outcomes: { [SIGNED]: 'unknown', [BANK]: 'failed' },
      missingFacts: ['signedByAllParties'],
    },
  ] as {
    why: string;
    facts: PaymentFacts;
    payable: boolean | null;
    outcomes: Record<string, string>;
    missingFacts: string[];
  }[])('$why → payable $payable', async ({ facts, payable, outcomes, missingFacts }) => {
    const result = await both(facts);
    expect(result.payable).toBe(payable);
    expect(result.missingFacts).toEqual(missingFacts);
    expect(Object.fromEntries(result.checks.map((c) => [c.id, c.outcome]))).toEqual(outcomes);
    expect(result.checks.map((c) => c.id)).toEqual([SIGNED, BANK]);
    for (const check of result.checks) {
      expect(check.article).toBe('art. 10');
      expect(check.label.length).toBeGreaterThan(10);
    }
  });

  it('the failed check is the bank details one, citing art. 10', async () => {
    const result = await both({ signedByAllParties: true, bankDetailsProvided: false });
    expect(result.checks.filter((c) => c.outcome === 'failed')).toEqual([
      expect.objectContaining({ id: BANK, article: 'art. 10', outcome: 'failed' }),
    ]);
    expect(result.checks.find((c) => c.id === BANK)?.label).toMatch(/RIB/);
  });
});

describe('evaluateDuties: reporting (art. 12)', () => {
  it('the 2022 documents are due on 28 February 2023, a Tuesday, so not extended', async () => {
    const { reporting } = await both({});
    expect(reporting.financialYear).toBe(2022);
    expect(reporting.dueOn).toBe('2023-02-28');
    expect(reporting.extendedDueOn).toBe('2023-02-28');
    expect(reporting.documents).toHaveLength(2);
    expect(reporting.documents[0]).toMatch(/Compte administratif/);
    expect(reporting.documents[1]).toMatch(/Rapport d.activité/);
    expect(reporting.articles).toContain('art. 12');
  });

  it('the reporting deadline does not depend on the payment facts', async () => {
    const a = await both({});
    const b = await both({ signedByAllParties: true, bankDetailsProvided: true });
    expect(b.reporting).toEqual(a.reporting);
  });
});

describe('evaluateDuties: invalid input', () => {
  it.each([
    { why: 'an unknown key', facts: { ribProvided: true }, field: 'ribProvided' },
    { why: 'a string for a boolean', facts: { signedByAllParties: 'yes' }, field: 'signedByAllParties' },
    { why: 'null for a boolean', facts: { bankDetailsProvided: null }, field: 'bankDetailsProvided' },
  ])('$why → invalid_input naming $field', async ({ facts, field }) => {
    const error = await rejection(facts);
    expect(error.code).toBe('invalid_input');
    expect(error.issues.map((i) => i.path)).toContain(field);
    expect(error.message).toContain(field);
  });

  it('an unknown convention → unknown_convention', async () => {
    expect((await rejection({}, '2099-999')).code).toBe('unknown_convention');
  });
});
