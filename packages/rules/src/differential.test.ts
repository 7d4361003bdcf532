// Differential test: the compiled evaluator (the fast path) against json-rules-engine (the reference
// interpreter of the same rule files), on generated applicants, plus json-rules-engine's known traps.
import { addDays, DomainError, daysBetween } from '@tremplins/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateEligibility } from './eligibility.ts';
import type { EligibilityRequest, EligibilityResult } from './eligibility-schema.ts';
import { createJreRunner } from './engine.ts';
import { compileRule } from './evaluate.ts';
import { type Rule, RuleSchema } from './rule-schema.ts';

const BIRTH_FROM = '1995-01-01';
const BIRTH_TO = '2010-12-31';
const REFERENCE_FROM = '2022-01-01';
const REFERENCE_TO = '2026-12-31';

/** INSEE codes and names, as people type them; a few are refused, so errors are compared too. */
const COMMUNES = [
  // CAHC (EPCI SIREN 246200299)
  '62427',
  'Hénin-Beaumont',
  'HENIN BEAUMONT',
  '62215',
  'Carvin',
  '62321',
  'Évin-Malmaison',
  'evin malmaison',
  '62907',
  'Libercourt',
  '62637',
  'Oignies',
  '62277',
  'Drocourt',
  '62148',
  'Rouvroy',
  // Outside the CAHC
  '62510',
  'Liévin',
  '62498',
  'Lens',
  '62003',
  'Acheville',
  '62041',
  'Arras',
  'Noeux-les-Mines',
  '78202',
  // Refused: unknown name, postal code, ambiguous name
  'Atlantis',
  '62110',
  'Beaumont',
];

const applicant: fc.Arbitrary<EligibilityRequest> = fc
  .record(
    {
      birth: fc.integer({ min: 0, max: daysBetween(BIRTH_FROM, BIRTH_TO) }),
      reference: fc.integer({ min: 0, max: daysBetween(REFERENCE_FROM, REFERENCE_TO) }),
      commune: fc.constantFrom(...COMMUNES),
      aseStatus: fc.constantFrom('none', 'in_care', 'former'),
      inInsertionPath: fc.boolean(),
      youngAdultContract: fc.boolean(),
      hasResources: fc.boolean(),
      familyRupture: fc.boolean(),
      needsSupport: fc.boolean(),
      unaccompaniedMinor: fc.boolean(),
      orientedBy: fc.constantFrom(
        'mds_henin_carvin',
        'other_mds',
        'mecs',
        'def',
        'cllaj',
        'mission_locale',
        'other',
      ),
      previousPlacement: fc.constantFrom('foster_family', 'children_home', 'family', 'other'),
    },
    // Every other key is either absent or present: absent facts are the interesting case.
    { requiredKeys: ['birth', 'reference', 'commune', 'aseStatus', 'inInsertionPath'] },
  )
  .map(({ birth, reference, ...facts }) => ({
    ...facts,
    birthDate: addDays(BIRTH_FROM, birth),
    referenceDate: addDays(REFERENCE_FROM, reference),
  }));

type Settled = { ok: true; result: EligibilityResult } | { ok: false; error: unknown };

async function settle(run: () => Promise<EligibilityResult>): Promise<Settled> {
  try {
    return { ok: true, result: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}

describe('compiled evaluator vs json-rules-engine', () => {
  it('give the same answer, or the same DomainError, on 10 000 generated applicants', async () => {
    const seen = { eligible: 0, ineligible: 0, undetermined: 0, minor: 0, adult: 0, error: 0 };
    await fc.assert(
      fc.asyncProperty(applicant, async (request) => {
        const [compiled, reference] = await Promise.all([
          settle(() => evaluateEligibility(request)),
          settle(() => evaluateEligibility(request, { engine: 'json-rules-engine' })),
        ]);
        if (compiled.ok && reference.ok) {
          expect(reference.result).toStrictEqual(compiled.result);
          seen[compiled.result.verdict] += 1;
          if (compiled.result.category) seen[compiled.result.category] += 1;
          return;
        }
        const show = (s: Settled) => (s.ok ? JSON.stringify(s.result) : String(s.error));
        expect(reference.ok, `compiled: ${show(compiled)}; json-rules-engine: ${show(reference)}`).toBe(
          compiled.ok,
        );
        if (compiled.ok || reference.ok) return;
        expect(compiled.error).toBeInstanceOf(DomainError);
        expect(reference.error).toBeInstanceOf(DomainError);
        const [a, b] = [compiled.error as DomainError, reference.error as DomainError];
        expect(b.code).toBe(a.code);
        expect(b.issues).toEqual(a.issues);
        seen.error += 1;
      }),
      { numRuns: 10_000 },
    );
    // The generator must reach every kind of answer, or the comparison proves little.
    for (const [kind, count] of Object.entries(seen))
      expect(count, `no generated applicant was ${kind}`).toBeGreaterThan(0);
  }, 120_000);
});

describe("json-rules-engine's traps", () => {
  const rule = (id: string, conditions: unknown): Rule =>
    RuleSchema.parse({ id, label: `Règle d'essai ${id}`, article: 'art. 6', conditions });
  const leaf = (fact: string, operator: string, value: unknown) => ({
    id: 'leaf',
    label: "Condition d'essai",
    article: 'art. 6',
    fact,
    operator,
    value,
  });

  // json-rules-engine hands an absent fact to the operator as undefined: notIn and notEqual then say
  // true, doesNotContain and the numeric operators say false, and `not` flips a false into true.
  const traps: [string, Rule, string][] = [
    ['notIn', rule('absent-not-in', { all: [leaf('orientedBy', 'notIn', ['other'])] }), 'orientedBy'],
    [
      'notEqual',
      rule('absent-not-equal', { all: [leaf('previousPlacement', 'notEqual', 'family')] }),
      'previousPlacement',
    ],
    [
      'doesNotContain',
      rule('absent-does-not-contain', { all: [leaf('tags', 'doesNotContain', 'x')] }),
      'tags',
    ],
    ['lessThan', rule('absent-less-than', { all: [leaf('age', 'lessThan', 21)] }), 'age'],
    ['not equal', rule('absent-under-not', { not: leaf('hasResources', 'equal', true) }), 'hasResources'],
  ];

  it.each(traps)('an absent fact tested with %s is unknown on both evaluators', async (_, trapRule, fact) => {
    const runner = createJreRunner([trapRule]);
    for (const facts of [{}, { [fact]: undefined }]) {
      const compiled = compileRule(trapRule)(facts);
      const [reference] = await runner.run(facts);
      for (const outcome of [compiled, reference]) {
        expect(outcome?.holds).toBe('unknown');
        expect(outcome?.unknownFacts).toEqual([fact]);
      }
    }
  });

  it('with the fact present, notIn and notEqual give the same answers on both evaluators', async () => {
    const notIn = rule('present-not-in', { all: [leaf('orientedBy', 'notIn', ['other', 'def'])] });
    const notEqual = rule('present-not-equal', { all: [leaf('previousPlacement', 'notEqual', 'family')] });
    const runner = createJreRunner([notIn, notEqual]);
    const expected: [Record<string, string>, string, string][] = [
      [{ orientedBy: 'mds_henin_carvin', previousPlacement: 'foster_family' }, 'true', 'true'],
      [{ orientedBy: 'def', previousPlacement: 'family' }, 'false', 'false'],
    ];
    for (const [facts, notInHolds, notEqualHolds] of expected) {
      const reference = await runner.run(facts);
      expect([compileRule(notIn)(facts).holds, compileRule(notEqual)(facts).holds]).toEqual([
        notInHolds,
        notEqualHolds,
      ]);
      expect(reference.map((o) => o.holds)).toEqual([notInHolds, notEqualHolds]);
    }
  });
});
