import { createJreRunner, type JreRunner } from './engine.ts';
import { type CompiledRule, compileRule, type Facts, type RuleOutcome } from './evaluate.ts';
import { loadRuleSets, ruleSetOn } from './load.ts';
import { RULE_FILES, type RuleFileName, type RuleSet } from './rule-schema.ts';

/** A rule set with its files compiled once, for the fast path, and json-rules-engine runners, built on demand. */
export interface PreparedRuleSet {
  set: RuleSet;
  compiled: Record<RuleFileName, CompiledRule[]>;
  jre(file: RuleFileName): JreRunner;
}

function prepare(set: RuleSet): PreparedRuleSet {
  const compiled = {} as PreparedRuleSet['compiled'];
  for (const name of RULE_FILES) compiled[name] = set.files[name].rules.map(compileRule);
  const runners = new Map<RuleFileName, JreRunner>();
  return {
    set,
    compiled,
    jre(file) {
      let runner = runners.get(file);
      if (!runner) {
        runner = createJreRunner(set.files[file].rules);
        runners.set(file, runner);
      }
      return runner;
    },
  };
}

let prepared: PreparedRuleSet[] | undefined;

/** The package's rule sets, read and validated on first use. */
export function ruleSets(): PreparedRuleSet[] {
  prepared ??= loadRuleSets().map(prepare);
  return prepared;
}

export function preparedRuleSetOn(date: string): PreparedRuleSet {
  const sets = ruleSets();
  const set = ruleSetOn(
    sets.map((p) => p.set),
    date,
  );
  return sets.find((p) => p.set === set) as PreparedRuleSet;
}

export function preparedRuleSetFor(conventionId: string): PreparedRuleSet | undefined {
  return ruleSets().find((p) => p.set.manifest.conventionId === conventionId);
}

export type EngineChoice = 'compiled' | 'json-rules-engine';

/** Runs one rule file of a rule set on a case, on the chosen evaluator. */
export async function runRules(
  prepared: PreparedRuleSet,
  file: RuleFileName,
  facts: Facts,
  engine: EngineChoice = 'compiled',
): Promise<RuleOutcome[]> {
  if (engine === 'json-rules-engine') return prepared.jre(file).run(facts);
  return prepared.compiled[file].map((rule) => rule(facts));
}

/** The outcome of a rule as the three words of the answers. */
export function checkOutcome(outcome: RuleOutcome): 'passed' | 'failed' | 'unknown' {
  if (outcome.applies === 'unknown' || outcome.holds === 'unknown') return 'unknown';
  return outcome.holds === 'true' ? 'passed' : 'failed';
}
