/**
 * Every request and answer schema of the Tremplins API, in plain zod. The server declares its routes
 * with them (`@tremplins/api`), the typed client parses answers with them, and /openapi.json is generated
 * from them (`.meta({ id })` names a component), so the three cannot drift apart.
 */

export {
  type Convention,
  ConventionSchema,
} from '@tremplins/domain';
export {
  type EligibilityRequest,
  EligibilityRequestSchema,
  type EligibilityResult,
  EligibilityResultSchema,
  type ReimbursementFindings,
  ReimbursementFindingsSchema,
  type ReimbursementResult,
  ReimbursementResultSchema,
} from '@tremplins/rules';
export * from '../problem.ts';
export * from './applications.ts';
export * from './audit.ts';
export * from './beneficiaries.ts';
export * from './common.ts';
export * from './conventions.ts';
export * from './eligibility.ts';
export * from './health.ts';
export * from './keys.ts';
export * from './places.ts';
export * from './stays.ts';
