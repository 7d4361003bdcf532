// The only module that imports json-rules-engine: the reference interpreter of the rule files.
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { type Facts, type LeafResults, outcomeOf, type RuleOutcome, type Tri } from './evaluate.ts';
import type { Condition, Rule } from './rule-schema.ts';

type JreCondition = Record<string, unknown>;

function toJre(condition: Condition): JreCondition {
  if ('fact' in condition) {
    return { name: condition.id, fact: condition.fact, operator: condition.operator, value: condition.value };
  }
  if ('all' in condition) return { all: condition.all.map(toJre) };
  if ('any' in condition) return { any: condition.any.map(toJre) };
  return { not: toJre(condition.not) };
}

/** json-rules-engine's rule for one of ours: `appliesWhen` and `conditions` side by side, all evaluated. */
function toJreRule(rule: Rule): RuleProperties {
  const parts = [rule.appliesWhen, rule.conditions].filter((c): c is Condition => c !== undefined).map(toJre);
  return {
    name: rule.id,
    conditions: { all: parts } as unknown as TopLevelCondition,
    event: { type: rule.id },
  };
}

/** Leaf outcomes read back from json-rules-engine's result tree, in document order. */
function collect(node: JreCondition, out: LeafResults): void {
  for (const key of ['all', 'any'] as const) {
    const children = node[key];
    if (Array.isArray(children)) {
      for (const child of children) collect(child as JreCondition, out);
      return;
    }
  }
  if (node.not) {
    collect(node.not as JreCondition, out);
    return;
  }
  // An absent fact reaches the operator as undefined; whatever the operator says (notIn and notEqual
  // say true), the leaf is unknown.
  const tri: Tri = node.factResult === undefined ? 'unknown' : node.result === true ? 'true' : 'false';
  out.push(tri);
}

export interface JreRunner {
  run(facts: Facts): Promise<RuleOutcome[]>;
}

/** An engine holding the rules; each run gets a fresh almanac from json-rules-engine. */
export function createJreRunner(rules: readonly Rule[]): JreRunner {
  const engine = new Engine([], { allowUndefinedFacts: true });
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  for (const rule of rules) engine.addRule(toJreRule(rule));
  return {
    async run(facts) {
      const defined = Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));
      const { results, failureResults } = await engine.run(defined);
      const outcomes = new Map<string, RuleOutcome>();
      for (const result of [...results, ...failureResults]) {
        const rule = byId.get(String(result.name));
        if (!rule) continue;
        const leafResults: LeafResults = [];
        collect(result.conditions as unknown as JreCondition, leafResults);
        outcomes.set(rule.id, outcomeOf(rule, leafResults));
      }
      // Back in file order, the order the answer is given in.
      return rules.map((rule) => {
        const outcome = outcomes.get(rule.id);
        if (!outcome) throw new Error(`json-rules-engine returned no result for rule ${rule.id}`);
        return outcome;
      });
    },
  };
}
