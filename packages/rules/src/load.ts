import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareDates, DomainError, issuePath } from '@tremplins/domain';
import type { z } from 'zod';
import {
  type Condition,
  RULE_FILES,
  type RuleFile,
  RuleFileSchema,
  type RuleSet,
  RuleSetManifestSchema,
} from './rule-schema.ts';

/** The rule sets shipped with the package: `rules/<rule-set-id>/`. */
export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../rules/', import.meta.url));

function readJson<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new DomainError('invalid_input', `${file}: not readable JSON (${(cause as Error).message})`, {
      cause,
    });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
    throw new DomainError(
      'invalid_input',
      `${file}: invalid rule file at ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { issues, details: { file } },
    );
  }
  return parsed.data;
}

function* leavesOf(
  condition: Condition,
  path: string,
): Generator<{ fact: string; id: string; path: string }> {
  if ('fact' in condition) yield { fact: condition.fact, id: condition.id, path };
  else if ('all' in condition)
    for (const [i, c] of condition.all.entries()) yield* leavesOf(c, `${path}.all.${i}`);
  else if ('any' in condition)
    for (const [i, c] of condition.any.entries()) yield* leavesOf(c, `${path}.any.${i}`);
  else yield* leavesOf(condition.not, `${path}.not`);
}

/** Checks what a schema cannot: ids unique in the file, and no fact outside the file's declared facts. */
function checkFacts(file: string, ruleFile: RuleFile): void {
  const ids = new Set<string>();
  ruleFile.rules.forEach((rule, r) => {
    const where = (p: string) => `${file}: rules.${r}${p}`;
    if (ids.has(rule.id))
      throw new DomainError('invalid_input', `${where('.id')}: duplicate id "${rule.id}"`);
    ids.add(rule.id);
    const trees: [string, Condition | undefined][] = [
      ['.appliesWhen', rule.appliesWhen],
      ['.conditions', rule.conditions],
    ];
    for (const [prefix, tree] of trees) {
      if (!tree) continue;
      for (const leaf of leavesOf(tree, prefix)) {
        if (!(leaf.fact in ruleFile.facts)) {
          throw new DomainError(
            'invalid_input',
            `${where(leaf.path)}.fact: "${leaf.fact}" is not a declared fact (declared: ${Object.keys(ruleFile.facts).join(', ')})`,
          );
        }
        const key = `${rule.id}/${leaf.id}`;
        if (ids.has(key))
          throw new DomainError('invalid_input', `${where(leaf.path)}.id: duplicate id "${leaf.id}"`);
        ids.add(key);
      }
    }
  });
}

/** Reads and validates one rule set folder; a malformed file fails loudly, naming the file and the path. */
export function loadRuleSet(dir: string): RuleSet {
  const manifest = readJson(join(dir, 'ruleset.json'), RuleSetManifestSchema);
  const files = {} as RuleSet['files'];
  for (const name of RULE_FILES) {
    const file = join(dir, `${name}.json`);
    const ruleFile = readJson(file, RuleFileSchema);
    checkFacts(file, ruleFile);
    files[name] = ruleFile;
  }
  return { manifest, files, source: dir };
}

/** Every rule set under `dir`, sorted by start date; overlapping periods are refused. */
export function loadRuleSets(dir: string = DEFAULT_RULES_DIR): RuleSet[] {
  const sets = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => loadRuleSet(join(dir, entry.name)))
    .sort((a, b) => compareDates(a.manifest.effective.from, b.manifest.effective.from));
  for (let i = 1; i < sets.length; i += 1) {
    const previous = sets[i - 1]?.manifest;
    const current = sets[i]?.manifest;
    if (
      previous &&
      current &&
      (previous.effective.to === null || compareDates(previous.effective.to, current.effective.from) >= 0)
    ) {
      throw new DomainError(
        'invalid_input',
        `${dir}: rule sets ${previous.id} and ${current.id} overlap; close ${previous.id} with "effective.to" the day before ${current.effective.from}`,
      );
    }
  }
  if (sets.length === 0) throw new DomainError('invalid_input', `${dir}: no rule set found`);
  return sets;
}

/** The rule set in force on a date. */
export function ruleSetOn(sets: readonly RuleSet[], date: string): RuleSet {
  const found = sets.find(
    (s) =>
      compareDates(s.manifest.effective.from, date) <= 0 &&
      (s.manifest.effective.to === null || compareDates(date, s.manifest.effective.to) <= 0),
  );
  if (!found) {
    throw new DomainError('out_of_period', `No rule set is in force on ${date}`, {
      issues: [
        {
          path: 'referenceDate',
          message: `no rule set in force; known: ${sets.map((s) => `${s.manifest.id} from ${s.manifest.effective.from}`).join(', ')}`,
        },
      ],
    });
  }
  return found;
}
