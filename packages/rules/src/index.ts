export * from './duties.ts';
export * from './eligibility.ts';
export * from './eligibility-schema.ts';
export { DEFAULT_RULES_DIR, loadRuleSet, loadRuleSets, ruleSetOn } from './load.ts';
export * from './reimbursement.ts';
export { renderRulesMarkdown } from './render.ts';
export type {
  AgeBand,
  Condition,
  LeafCondition,
  Rule,
  RuleFile,
  RuleSet,
  RuleSetManifest,
} from './rule-schema.ts';
export { ruleSets } from './rule-sets.ts';
export * from './stays.ts';
