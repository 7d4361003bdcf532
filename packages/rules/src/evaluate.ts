import type { Condition, LeafCondition, Operator, Rule } from './rule-schema.ts';

/** Three-valued outcome: a fact that is absent makes its condition unknown, never false. */
export type Tri = 'true' | 'false' | 'unknown';

export type Facts = Readonly<Record<string, unknown>>;

/** What one rule gave on one case, with the leaves in document order. */
export interface RuleOutcome {
  rule: Rule;
  applies: Tri;
  holds: Tri;
  /** Facts of the leaves that were unknown, in the order they appear in the rule. */
  unknownFacts: string[];
}

/** Leaf outcomes in document order (appliesWhen first, then conditions), as an evaluator produced them. */
export type LeafResults = Tri[];

const isNumeric = (v: unknown) => Number.parseFloat(v as string).toString() !== 'NaN';

// The same operators, with the same guards, as json-rules-engine 7 (engine-default-operators.js):
// numeric operators are false on a non-numeric fact, contains/doesNotContain on a non-array fact.
export const operators: Record<Operator, (fact: unknown, value: unknown) => boolean> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => (b as unknown[]).indexOf(a) > -1,
  notIn: (a, b) => (b as unknown[]).indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => isNumeric(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => isNumeric(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => isNumeric(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => isNumeric(a) && (a as number) >= (b as number),
};

export function* leaves(condition: Condition): Generator<LeafCondition> {
  if ('fact' in condition) yield condition;
  else if ('all' in condition) for (const c of condition.all) yield* leaves(c);
  else if ('any' in condition) for (const c of condition.any) yield* leaves(c);
  else yield* leaves(condition.not);
}

export function ruleLeaves(rule: Rule): LeafCondition[] {
  return [...(rule.appliesWhen ? leaves(rule.appliesWhen) : []), ...leaves(rule.conditions)];
}

/** Kleene's strong three-valued logic over the tree, reading leaf outcomes in document order. */
function combine(condition: Condition, results: LeafResults, cursor: { i: number }): Tri {
  if ('fact' in condition) return results[cursor.i++] ?? 'unknown';
  if ('not' in condition) {
    const inner = combine(condition.not, results, cursor);
    return inner === 'unknown' ? 'unknown' : inner === 'true' ? 'false' : 'true';
  }
  const isAll = 'all' in condition;
  const parts = (isAll ? condition.all : condition.any).map((c) => combine(c, results, cursor));
  const decisive = isAll ? 'false' : 'true';
  if (parts.includes(decisive)) return decisive;
  if (parts.includes('unknown')) return 'unknown';
  return isAll ? 'true' : 'false';
}

/** Turns leaf outcomes into the rule's outcome; both evaluators share this, so only leaves can differ. */
export function outcomeOf(rule: Rule, results: LeafResults): RuleOutcome {
  const cursor = { i: 0 };
  const applies = rule.appliesWhen ? combine(rule.appliesWhen, results, cursor) : 'true';
  const holds = combine(rule.conditions, results, cursor);
  const unknownFacts: string[] = [];
  const facts = leafFactsOf(rule);
  for (let i = 0; i < facts.length; i++) {
    const fact = facts[i] as string;
    if (results[i] === 'unknown' && !unknownFacts.includes(fact)) unknownFacts.push(fact);
  }
  return { rule, applies, holds, unknownFacts };
}

// Walked once per rule, not once per evaluation: rules are immutable once loaded.
const leafFacts = new WeakMap<Rule, string[]>();

function leafFactsOf(rule: Rule): string[] {
  let facts = leafFacts.get(rule);
  if (!facts) {
    facts = ruleLeaves(rule).map((leaf) => leaf.fact);
    leafFacts.set(rule, facts);
  }
  return facts;
}

/** A rule compiled once into closures: the fast path, with the JSON file as its only source. */
export type CompiledRule = (facts: Facts) => RuleOutcome;

export function compileRule(rule: Rule): CompiledRule {
  const evaluators = ruleLeaves(rule).map((leaf) => {
    const op = operators[leaf.operator];
    const { fact, value } = leaf;
    return (facts: Facts): Tri => {
      const actual = facts[fact];
      if (actual === undefined) return 'unknown';
      return op(actual, value) ? 'true' : 'false';
    };
  });
  return (facts) =>
    outcomeOf(
      rule,
      evaluators.map((evaluate) => evaluate(facts)),
    );
}
