// Loading the rule files: the shipped sets load and agree with the domain convention; a malformed file
// fails loudly, naming the file and the path; rule sets are chosen by date and must not overlap.
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convention2022417, DomainError } from '@tremplins/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR, loadRuleSet, loadRuleSets, ruleSetOn } from './load.ts';
import { RULE_FILES } from './rule-schema.ts';

const SHIPPED = join(DEFAULT_RULES_DIR, '2022-417');
const temps: string[] = [];

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder holding copies of the shipped rule set, as `<root>/<name>/`. */
function copyRuleSets(...names: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'tremplins-rules-'));
  temps.push(root);
  for (const name of names) cpSync(SHIPPED, join(root, name), { recursive: true });
  return root;
}

type Json = Record<string, unknown>;
const readJson = (file: string): Json => JSON.parse(readFileSync(file, 'utf8')) as Json;
const writeJson = (file: string, data: unknown) => writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);

/** Edits one JSON file of a rule set folder in place. */
function edit(dir: string, file: string, change: (data: Json) => void): void {
  const path = join(dir, file);
  const data = readJson(path);
  change(data);
  writeJson(path, data);
}

/** Navigates `data` along `path` (object keys and array indexes). */
// biome-ignore lint/suspicious/noExplicitAny: a test helper walking arbitrary JSON
function at(data: Json, ...path: (string | number)[]): any {
  // biome-ignore lint/suspicious/noExplicitAny: same
  return path.reduce<any>((node, key) => node[key], data);
}

/** Runs `fn`, which must throw a DomainError, and returns it. */
function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected the call to throw');
}

describe('the shipped rule sets', () => {
  it('load, with every rule file', () => {
    const sets = loadRuleSets();
    expect(sets.map((s) => s.manifest.id)).toEqual(['2022-417']);
    const [set] = sets;
    expect(set?.manifest).toMatchObject({
      id: '2022-417',
      conventionId: '2022-417',
      effective: { from: '2022-01-01', to: null },
      leapDayBirthday: 'feb28',
    });
    expect(Object.keys(set?.files ?? {}).sort()).toEqual([...RULE_FILES].sort());
    for (const name of RULE_FILES) expect(set?.files[name].rules.length, name).toBeGreaterThan(0);
  });

  it('loadRuleSet on the shipped folder gives the same set', () => {
    expect(loadRuleSet(SHIPPED)).toEqual(loadRuleSets()[0]);
  });

  it('every rule and every leaf names an article', () => {
    const [set] = loadRuleSets();
    for (const name of RULE_FILES) {
      for (const rule of set?.files[name].rules ?? []) {
        expect(rule.article, `${name}/${rule.id}`).toMatch(/art\. \d+|rapport n°41/);
      }
    }
  });

  it('nationality is never a fact (art. 1: « sans condition de nationalité »)', () => {
    const [set] = loadRuleSets();
    for (const name of RULE_FILES)
      expect(Object.keys(set?.files[name].facts ?? {})).not.toContain('nationality');
  });

  it.each(['minor', 'adult'] as const)(
    'the %s age band agrees with the domain convention’s stay rule',
    (category) => {
      const [set] = loadRuleSets();
      const band = set?.manifest.ageBands.find((b) => b.category === category);
      const rule = convention2022417.stayRules.find((r) => r.category === category);
      expect(band).toBeDefined();
      expect(rule).toBeDefined();
      expect({ ageFrom: band?.ageFrom, ageUntil: band?.ageUntil }).toEqual({
        ageFrom: rule?.ageFrom,
        ageUntil: rule?.ageUntil,
      });
    },
  );

  it('the age bands and the stay rules cover the same categories', () => {
    const [set] = loadRuleSets();
    expect(set?.manifest.ageBands.map((b) => b.category).sort()).toEqual(
      convention2022417.stayRules.map((r) => r.category).sort(),
    );
  });
});

describe('ruleSetOn: the rule set in force on a date', () => {
  const sets = loadRuleSets();

  it.each(['2022-01-01', '2022-07-14', '2022-12-31', '2023-01-01', '2026-11-27'])(
    '%s → 2022-417 (open-ended)',
    (date) => {
      expect(ruleSetOn(sets, date).manifest.id).toBe('2022-417');
    },
  );

  it.each(['2021-12-31', '2016-01-01'])('%s → out_of_period on referenceDate', (date) => {
    const error = thrown(() => ruleSetOn(sets, date));
    expect(error.code).toBe('out_of_period');
    expect(error.issues.map((i) => i.path)).toEqual(['referenceDate']);
    expect(error.message).toContain(date);
  });
});

describe('a malformed rule file fails loudly, naming the file and the path', () => {
  it.each([
    {
      why: 'a leaf without article',
      file: 'eligibility.json',
      break: (d: Json) => {
        delete at(d, 'rules', 0, 'conditions', 'all', 0).article;
      },
      mentions: ['rules.0.conditions'],
    },
    {
      why: 'a rule without article',
      file: 'payment.json',
      break: (d: Json) => {
        delete at(d, 'rules', 1).article;
      },
      mentions: ['rules.1.article'],
    },
    {
      why: 'an unknown operator',
      file: 'priority.json',
      break: (d: Json) => {
        at(d, 'rules', 1, 'conditions', 'all', 0).operator = 'matches';
      },
      mentions: ['rules.1.conditions'],
    },
    {
      why: 'a condition on an undeclared fact (nationality)',
      file: 'eligibility.json',
      break: (d: Json) => {
        at(d, 'rules', 2, 'conditions', 'all', 0).fact = 'nationality';
      },
      mentions: ['rules.2.conditions.all.0.fact', 'nationality', 'not a declared fact'],
    },
    {
      why: 'an appliesWhen on an undeclared fact',
      file: 'stays.json',
      break: (d: Json) => {
        at(d, 'rules', 3, 'appliesWhen', 'all', 0).fact = 'gender';
      },
      mentions: ['rules.3.appliesWhen.all.0.fact', 'gender'],
    },
    {
      why: 'a duplicate rule id',
      file: 'payment.json',
      break: (d: Json) => {
        at(d, 'rules', 1).id = at(d, 'rules', 0).id;
      },
      mentions: ['rules.1.id', 'duplicate', 'signed-by-all-parties'],
    },
    {
      why: 'a duplicate leaf id within a rule',
      file: 'stays.json',
      break: (d: Json) => {
        at(d, 'rules', 0, 'conditions', 'all', 1).id = 'end-not-passed';
      },
      mentions: ['rules.0.conditions.all.1.id', 'duplicate', 'end-not-passed'],
    },
    {
      why: 'an unknown reimbursement formula',
      file: 'reimbursement.json',
      break: (d: Json) => {
        at(d, 'rules', 3).amount = 'half';
      },
      mentions: ['rules.3.amount'],
    },
    {
      why: 'an unknown key on a rule',
      file: 'priority.json',
      break: (d: Json) => {
        at(d, 'rules', 0).wieght = 4;
      },
      mentions: ['rules.0', 'wieght'],
    },
    {
      why: 'a non-positive weight',
      file: 'priority.json',
      break: (d: Json) => {
        at(d, 'rules', 2).weight = 0;
      },
      mentions: ['rules.2.weight'],
    },
    {
      why: 'an empty rule list',
      file: 'payment.json',
      break: (d: Json) => {
        d.rules = [];
      },
      mentions: ['rules'],
    },
    {
      why: 'a ruleset.json with a bad version',
      file: 'ruleset.json',
      break: (d: Json) => {
        d.version = '1.0';
      },
      mentions: ['version', 'semantic version'],
    },
    {
      why: 'a ruleset.json with an impossible start date',
      file: 'ruleset.json',
      break: (d: Json) => {
        at(d, 'effective').from = '2022-02-30';
      },
      mentions: ['effective.from'],
    },
    {
      why: 'a ruleset.json with an unknown age band category',
      file: 'ruleset.json',
      break: (d: Json) => {
        at(d, 'ageBands', 1).category = 'senior';
      },
      mentions: ['ageBands.1.category'],
    },
  ])('$why → error naming $file and the path', ({ file, break: breakIt, mentions }) => {
    const root = copyRuleSets('2022-417');
    const dir = join(root, '2022-417');
    edit(dir, file, breakIt);
    for (const load of [() => loadRuleSet(dir), () => loadRuleSets(root)]) {
      const error = thrown(load);
      expect(error.code).toBe('invalid_input');
      expect(error.message).toContain(file);
      for (const mention of mentions) expect(error.message).toContain(mention);
    }
  });

  it('invalid JSON → error naming the file', () => {
    const root = copyRuleSets('2022-417');
    const dir = join(root, '2022-417');
    const file = join(dir, 'stays.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 200));
    const error = thrown(() => loadRuleSets(root));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('stays.json');
    expect(error.message).toContain('not readable JSON');
  });

  it('a missing rule file → error naming the file', () => {
    const root = copyRuleSets('2022-417');
    unlinkSync(join(root, '2022-417', 'payment.json'));
    const error = thrown(() => loadRuleSets(root));
    expect(error.message).toContain('payment.json');
  });

  it('an empty folder → no rule set found', () => {
    const root = copyRuleSets();
    expect(thrown(() => loadRuleSets(root)).message).toContain('no rule set');
  });
});

describe('several rule sets in one folder', () => {
  /** Adds a second rule set `2023-001`, in force from `from`, next to a copy of the shipped one. */
  function twoSets(options: { firstTo: string | null; secondFrom: string }): string {
    const root = copyRuleSets('2022-417', '2023-001');
    edit(join(root, '2022-417'), 'ruleset.json', (d) => {
      at(d, 'effective').to = options.firstTo;
    });
    edit(join(root, '2023-001'), 'ruleset.json', (d) => {
      d.id = '2023-001';
      d.conventionId = '2023-001';
      d.effective = { from: options.secondFrom, to: null };
    });
    return root;
  }

  it.each([
    { why: 'the first left open-ended', firstTo: null, secondFrom: '2023-01-01' },
    { why: 'the first closed on the day the second starts', firstTo: '2023-01-01', secondFrom: '2023-01-01' },
    { why: 'the first closed after the second starts', firstTo: '2023-06-30', secondFrom: '2023-01-01' },
  ])('overlapping periods are refused: $why', ({ firstTo, secondFrom }) => {
    const root = twoSets({ firstTo, secondFrom });
    const error = thrown(() => loadRuleSets(root));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('overlap');
    expect(error.message).toContain('2022-417');
    expect(error.message).toContain('2023-001');
  });

  it('back-to-back periods load, sorted by start, and each date gets its own set', () => {
    const root = twoSets({ firstTo: '2022-12-31', secondFrom: '2023-01-01' });
    const sets = loadRuleSets(root);
    expect(sets.map((s) => s.manifest.id)).toEqual(['2022-417', '2023-001']);
    expect(ruleSetOn(sets, '2022-12-31').manifest.id).toBe('2022-417');
    expect(ruleSetOn(sets, '2023-01-01').manifest.id).toBe('2023-001');
    expect(ruleSetOn(sets, '2030-01-01').manifest.id).toBe('2023-001');
    expect(thrown(() => ruleSetOn(sets, '2021-12-31')).code).toBe('out_of_period');
  });

  it('a gap between two sets is out of period', () => {
    const root = twoSets({ firstTo: '2022-12-31', secondFrom: '2023-03-01' });
    const sets = loadRuleSets(root);
    const error = thrown(() => ruleSetOn(sets, '2023-02-01'));
    expect(error.code).toBe('out_of_period');
    expect(error.issues[0]?.path).toBe('referenceDate');
  });
});
