export * from './eligibility.ts';
export * from './eligibility-schema.ts';
export { loadRuleSet, loadRuleSets, ruleSetOn, DEFAULT_RULES_DIR } from './load.ts';
export type { AgeBand, Condition, LeafCondition, Rule, RuleFile, RuleSet, RuleSetManifest } from './rule-schema.ts';
export { ruleSets } from './rule-sets.ts';
