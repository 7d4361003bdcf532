// Runs the rule cases of cases/eligibility/*.json: data a jurist can extend without TypeScript.
// Each file is checked for shape first (a malformed file fails, naming the file and the path), then
// every case runs through evaluateEligibility on both engines, asserting only what the case lists.
import { readdirSync, readFileSync } from 'node:fs';
import { DomainError, issuePath } from '@tremplins/domain';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { evaluateEligibility } from './eligibility.ts';
import {
  CheckOutcomeSchema,
  type EligibilityRequest,
  type EligibilityResult,
  EligibilityResultSchema,
} from './eligibility-schema.ts';
import { evaluateReimbursement, ReimbursementFindingsSchema } from './reimbursement.ts';
import { type EngineChoice as Engine, ruleSets } from './rule-sets.ts';
import { ENGINES } from './test-support/both-engines.ts';

const CASES_DIR = new URL('../cases/eligibility/', import.meta.url);

// ---------------------------------------------------------------------------------------------
// The format of a case file
// ---------------------------------------------------------------------------------------------

const NameSchema = z.string().trim().min(10, 'must be a sentence saying what the case shows');
const ArticlesSchema = z
  .array(
    z
      .string()
      .trim()
      .regex(/^art\. \d+/, 'must name an article of the convention, e.g. "art. 6"'),
  )
  .min(1, 'must name at least one article');

/** Any object: invalid requests are cases too. The reference date is explicit so no case depends on today. */
const RequestSchema = z.looseObject({
  referenceDate: z.string({
    error: 'every request gives its referenceDate, so the case does not depend on today',
  }),
});

const ErrorCodeSchema = z.enum([
  'invalid_input',
  'invalid_date',
  'unknown_commune',
  'ambiguous_commune',
  'out_of_period',
]);

const ExpectSchema = z
  .object({
    verdict: z.enum(['eligible', 'ineligible', 'undetermined']).optional(),
    category: z.enum(['minor', 'adult']).nullable().optional(),
    age: z.number().int().nonnegative().nullable().optional(),
    missingFacts: z.array(z.string().min(1)).optional(),
    /** Only the listed checks are asserted; `null` asserts that the check does not apply (is absent). */
    checks: z.record(z.string().min(1), CheckOutcomeSchema.nullable()).optional(),
    priorityScore: z.number().int().nonnegative().optional(),
    /** Rule ids of the priority reasons, in the order of the answer. */
    priorityReasons: z.array(z.string().min(1)).optional(),
    error: z
      .object({ code: ErrorCodeSchema, field: z.string().min(1) })
      .strict()
      .optional(),
  })
  .strict()
  .refine((e) => Object.keys(e).length > 0, { message: 'must expect something' })
  .refine((e) => e.error === undefined || Object.keys(e).length === 1, {
    message: 'an expected error cannot be combined with expectations on a result',
    path: ['error'],
  });

const CaseSchema = z
  .object({ name: NameSchema, articles: ArticlesSchema, request: RequestSchema, expect: ExpectSchema })
  .strict();

const PriorityOrderSchema = z
  .object({
    name: NameSchema,
    articles: ArticlesSchema,
    applicants: z
      .record(z.string().trim().min(1), RequestSchema)
      .refine((a) => Object.keys(a).length >= 2, { message: 'must compare at least two applicants' }),
    /** Labels of the applicants, highest priority score first. */
    expectOrder: z.array(z.string()),
  })
  .strict()
  .superRefine((c, ctx) => {
    const labels = Object.keys(c.applicants);
    const sameSet =
      c.expectOrder.length === labels.length &&
      new Set(c.expectOrder).size === labels.length &&
      labels.every((label) => c.expectOrder.includes(label));
    if (!sameSet) {
      ctx.addIssue({
        code: 'custom',
        path: ['expectOrder'],
        message: `must list every applicant exactly once: ${labels.map((l) => JSON.stringify(l)).join(', ')}`,
      });
    }
  });

const CaseFileSchema = z
  .object({
    $comment: z.string().trim().min(10, 'must say what the file covers and from which articles'),
    cases: z.array(z.unknown()).min(1, 'must hold at least one case'),
  })
  .strict();

type Case = z.infer<typeof CaseSchema>;
type PriorityOrder = z.infer<typeof PriorityOrderSchema>;
interface CaseFile {
  $comment: string;
  cases: (Case | PriorityOrder)[];
}

class CaseFileError extends Error {}

function refuse(file: string, issues: { path: string; message: string }[]): never {
  throw new CaseFileError(
    `cases/eligibility/${file}: invalid case file at ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
  );
}

function issuesOf(error: z.ZodError, prefix: PropertyKey[] = []) {
  return error.issues.map((i) => ({ path: issuePath([...prefix, ...i.path]), message: i.message }));
}

/** Validates one case file; a malformed one throws an error naming the file and the path of each fault. */
function parseCaseFile(file: string, raw: unknown): CaseFile {
  const parsed = CaseFileSchema.safeParse(raw);
  if (!parsed.success) refuse(file, issuesOf(parsed.error));
  const issues: { path: string; message: string }[] = [];
  const cases: CaseFile['cases'] = [];
  const names = new Set<string>();
  parsed.data.cases.forEach((entry, i) => {
    const isOrder = typeof entry === 'object' && entry !== null && 'applicants' in entry;
    const result = (isOrder ? PriorityOrderSchema : CaseSchema).safeParse(entry);
    if (!result.success) {
      issues.push(...issuesOf(result.error, ['cases', i]));
      return;
    }
    if (names.has(result.data.name)) {
      issues.push({ path: issuePath(['cases', i, 'name']), message: `duplicate name "${result.data.name}"` });
    }
    names.add(result.data.name);
    cases.push(result.data);
  });
  if (issues.length > 0) refuse(file, issues);
  return { $comment: parsed.data.$comment, cases };
}

function readCaseFile(file: string): CaseFile {
  if (!file.endsWith('.json')) refuse(file, [{ path: '(file)', message: 'case files are .json files' }]);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(new URL(file, CASES_DIR), 'utf8'));
  } catch (cause) {
    refuse(file, [{ path: '(file)', message: `not readable JSON (${(cause as Error).message})` }]);
  }
  return parseCaseFile(file, raw);
}

const files = readdirSync(CASES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => entry.name)
  .sort()
  .map((file) => {
    try {
      return { file, parsed: readCaseFile(file), error: undefined };
    } catch (error) {
      return { file, parsed: undefined, error: error as Error };
    }
  });

const isOrder = (c: Case | PriorityOrder): c is PriorityOrder => 'applicants' in c;
const cases = files.flatMap(({ file, parsed }) =>
  (parsed?.cases ?? []).filter((c): c is Case => !isOrder(c)).map((c) => ({ file, ...c })),
);
const orders = files.flatMap(({ file, parsed }) =>
  (parsed?.cases ?? []).filter(isOrder).map((c) => ({ file, ...c })),
);

// ---------------------------------------------------------------------------------------------
// Running the cases
// ---------------------------------------------------------------------------------------------

type Settled = { ok: true; result: EligibilityResult } | { ok: false; error: unknown };

async function settle(request: Record<string, unknown>, engine: Engine): Promise<Settled> {
  try {
    return {
      ok: true,
      result: await evaluateEligibility(request as unknown as EligibilityRequest, { engine }),
    };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The part of the answer a case asserts, shaped like the case's `expect`, so a failure shows one diff. */
function observed(result: EligibilityResult, expected: Case['expect']): Record<string, unknown> {
  const seen: Record<string, unknown> = {};
  if (expected.verdict !== undefined) seen.verdict = result.verdict;
  if (expected.category !== undefined) seen.category = result.category;
  if (expected.age !== undefined) seen.age = result.age;
  if (expected.missingFacts !== undefined) seen.missingFacts = result.missingFacts;
  if (expected.checks !== undefined) {
    seen.checks = Object.fromEntries(
      Object.keys(expected.checks).map((id) => [id, result.checks.find((c) => c.id === id)?.outcome ?? null]),
    );
  }
  if (expected.priorityScore !== undefined) seen.priorityScore = result.priority.score;
  if (expected.priorityReasons !== undefined) seen.priorityReasons = result.priority.reasons.map((r) => r.id);
  return seen;
}

describe('case files (cases/eligibility/*.json)', () => {
  it('the folder holds case files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('$file has the shape of a case file', ({ error }) => {
    if (error) throw error;
  });

  it('a malformed case file is refused, naming the file and the path of the fault', () => {
    const broken = {
      $comment: 'A file with a mistake in its second case.',
      cases: [
        {
          name: 'Un cas correct pour commencer',
          articles: ['art. 6'],
          request: { referenceDate: '2022-09-01' },
          expect: { verdict: 'eligible' },
        },
        {
          name: 'Un cas dont le verdict attendu est mal écrit',
          articles: ['art. 6'],
          request: { referenceDate: '2022-09-01' },
          expect: { verdict: 'eligable' },
        },
      ],
    };
    expect(() => parseCaseFile('broken.json', broken)).toThrow(CaseFileError);
    expect(() => parseCaseFile('broken.json', broken)).toThrow(
      /^cases\/eligibility\/broken\.json: invalid case file at cases\.1\.expect\.verdict: /,
    );
    expect(() =>
      parseCaseFile('no-date.json', { ...broken, cases: [{ ...broken.cases[0], request: {} }] }),
    ).toThrow(/no-date\.json: .*cases\.0\.request\.referenceDate: /);
    const request = { referenceDate: '2022-09-01' };
    const order = {
      name: 'Un ordre incomplet',
      articles: ['art. 6'],
      applicants: { a: request, b: request },
    };
    expect(() =>
      parseCaseFile('order.json', { ...broken, cases: [{ ...order, expectOrder: ['a'] }] }),
    ).toThrow(
      /^cases\/eligibility\/order\.json: invalid case file at cases\.0\.expectOrder: must list every applicant/,
    );
    expect(() =>
      parseCaseFile('order.json', {
        ...broken,
        cases: [{ ...order, applicants: { a: {}, b: request }, expectOrder: ['a', 'b'] }],
      }),
    ).toThrow(/order\.json: invalid case file at cases\.0\.applicants\.a\.referenceDate: /);
  });
});

describe.each(ENGINES)('rule cases with the %s engine', (engine) => {
  it.each(cases)('$file: $name', async ({ request, expect: expected }) => {
    const settled = await settle(request, engine);
    if (expected.error) {
      if (settled.ok) {
        throw new Error(
          `expected ${expected.error.code} on ${expected.error.field}, got an answer: ${JSON.stringify(settled.result)}`,
        );
      }
      const { error } = settled;
      expect(error).toBeInstanceOf(DomainError);
      const domainError = error as DomainError;
      expect(domainError.code, domainError.message).toBe(expected.error.code);
      expect(
        domainError.issues.map((i) => i.path),
        domainError.message,
      ).toContain(expected.error.field);
      return;
    }
    if (!settled.ok) throw settled.error;
    const result = EligibilityResultSchema.parse(settled.result);
    expect(observed(result, expected)).toEqual(expected);
  });

  it.each(orders)('$file: $name', async ({ applicants, expectOrder }) => {
    const scored = await Promise.all(
      Object.entries(applicants).map(async ([label, request]) => {
        const result = await evaluateEligibility(request as unknown as EligibilityRequest, { engine });
        return { label, score: result.priority.score };
      }),
    );
    const scores = scored.map((s) => s.score);
    expect(new Set(scores).size, `an order needs distinct scores: ${JSON.stringify(scored)}`).toBe(
      scores.length,
    );
    expect(scored.sort((a, b) => b.score - a.score).map((s) => s.label)).toEqual(expectOrder);
  });
});

// ---------------------------------------------------------------------------------------------
// Every rule has its cases: a new rule without a case fails the suite
// ---------------------------------------------------------------------------------------------

describe('every rule of the rule files is exercised by a case', () => {
  const sets = ruleSets().map((p) => p.set);
  const unique = (ids: string[]) => [...new Set(ids)];
  const eligibilityIds = unique(sets.flatMap((s) => s.files.eligibility.rules.map((r) => r.id)));
  const priorityIds = unique(sets.flatMap((s) => s.files.priority.rules.map((r) => r.id)));

  it.each(eligibilityIds)(
    'eligibility check %s is expected passed in one case and failed in another',
    (id) => {
      const outcomes = new Set(cases.flatMap((c) => c.expect.checks?.[id] ?? []));
      expect([...outcomes]).toEqual(expect.arrayContaining(['passed', 'failed']));
    },
  );

  it.each(priorityIds)('priority rule %s is expected given in one case and not given in another', (id) => {
    const lists = cases.flatMap((c) => (c.expect.priorityReasons ? [c.expect.priorityReasons] : []));
    expect(
      lists.some((reasons) => reasons.includes(id)),
      `no case expects ${id} among its priority reasons`,
    ).toBe(true);
    expect(
      lists.some((reasons) => !reasons.includes(id)),
      `no case expects ${id} absent from its priority reasons`,
    ).toBe(true);
  });

  it('every check id and priority reason a case names exists in the rule files', () => {
    const unknown = cases.flatMap((c) => [
      ...Object.keys(c.expect.checks ?? {})
        .filter((id) => !eligibilityIds.includes(id))
        .map((id) => `${c.file}: "${c.name}": check ${id}`),
      ...(c.expect.priorityReasons ?? [])
        .filter((id) => !priorityIds.includes(id))
        .map((id) => `${c.file}: "${c.name}": priority reason ${id}`),
    ]);
    expect(unknown).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Reimbursement cases: cases/reimbursement/*.json (art. 14)
// ---------------------------------------------------------------------------------------------

const REIMBURSEMENT_DIR = new URL('../cases/reimbursement/', import.meta.url);

const ReimbursementCaseSchema = z
  .object({
    name: NameSchema,
    articles: ArticlesSchema,
    conventionId: z.string().trim().min(1),
    findings: ReimbursementFindingsSchema,
    expect: z
      .object({
        kind: z.enum(['none', 'partial', 'total']),
        amountCents: z.number().int().nonnegative(),
        negotiable: z.boolean(),
        /** Ids of the triggers that hold, in the order of the answer. */
        triggers: z.array(z.string().min(1)),
      })
      .strict(),
  })
  .strict();

const ReimbursementCaseFileSchema = z
  .object({
    $comment: z.string().trim().min(10, 'must say what the file covers and from which articles'),
    cases: z.array(ReimbursementCaseSchema).min(1, 'must hold at least one case'),
  })
  .strict()
  .superRefine((f, ctx) => {
    const names = new Set<string>();
    f.cases.forEach((c, i) => {
      if (names.has(c.name)) {
        ctx.addIssue({ code: 'custom', path: ['cases', i, 'name'], message: `duplicate name "${c.name}"` });
      }
      names.add(c.name);
    });
  });

type ReimbursementCaseFile = z.infer<typeof ReimbursementCaseFileSchema>;

function refuseReimbursement(file: string, issues: { path: string; message: string }[]): never {
  throw new CaseFileError(
    `cases/reimbursement/${file}: invalid case file at ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
  );
}

function parseReimbursementFile(file: string, raw: unknown): ReimbursementCaseFile {
  const parsed = ReimbursementCaseFileSchema.safeParse(raw);
  if (!parsed.success) refuseReimbursement(file, issuesOf(parsed.error));
  return parsed.data;
}

function readReimbursementFile(file: string): ReimbursementCaseFile {
  if (!file.endsWith('.json')) {
    refuseReimbursement(file, [{ path: '(file)', message: 'case files are .json files' }]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(new URL(file, REIMBURSEMENT_DIR), 'utf8'));
  } catch (cause) {
    refuseReimbursement(file, [
      { path: '(file)', message: `not readable JSON (${(cause as Error).message})` },
    ]);
  }
  return parseReimbursementFile(file, raw);
}

const reimbursementFiles = readdirSync(REIMBURSEMENT_DIR, { withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => entry.name)
  .sort()
  .map((file) => {
    try {
      return { file, parsed: readReimbursementFile(file), error: undefined };
    } catch (error) {
      return { file, parsed: undefined, error: error as Error };
    }
  });

const reimbursementCases = reimbursementFiles.flatMap(({ file, parsed }) =>
  (parsed?.cases ?? []).map((c) => ({ file, ...c })),
);

describe('reimbursement case files (cases/reimbursement/*.json)', () => {
  it('the folder holds case files', () => {
    expect(reimbursementFiles.length).toBeGreaterThan(0);
  });

  it.each(reimbursementFiles)('$file has the shape of a case file', ({ error }) => {
    if (error) throw error;
  });

  it('a malformed case file is refused, naming the file and the path of the fault', () => {
    const good = {
      name: 'Aucun constat : pas de remboursement',
      articles: ['art. 14'],
      conventionId: '2022-417',
      findings: {},
      expect: { kind: 'none', amountCents: 0, negotiable: false, triggers: [] },
    };
    const broken = {
      $comment: 'A file with a mistake in its second case.',
      cases: [
        good,
        { ...good, name: 'Un cas au genre mal écrit', expect: { ...good.expect, kind: 'totale' } },
      ],
    };
    expect(() => parseReimbursementFile('broken.json', broken)).toThrow(
      /^cases\/reimbursement\/broken\.json: invalid case file at cases\.1\.expect\.kind: /,
    );
    expect(() =>
      parseReimbursementFile('findings.json', {
        ...broken,
        cases: [{ ...good, findings: { ceased: true } }],
      }),
    ).toThrow(/^cases\/reimbursement\/findings\.json: invalid case file at cases\.0\.findings/);
  });

  describe.each(ENGINES)('with the %s engine', (engine) => {
    it.each(reimbursementCases)('$file: $name', async ({ conventionId, findings, expect: expected }) => {
      const result = await evaluateReimbursement(conventionId, findings, { engine });
      expect({
        kind: result.kind,
        amountCents: result.amountCents,
        negotiable: result.negotiable,
        triggers: result.triggers.map((t) => t.id),
      }).toEqual(expected);
    });
  });
});
