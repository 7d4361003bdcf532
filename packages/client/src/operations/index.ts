import * as applications from './applications.ts';
import * as audit from './audit.ts';
import * as beneficiaries from './beneficiaries.ts';
import * as conventions from './conventions.ts';
import * as eligibility from './eligibility.ts';
import * as health from './health.ts';
import * as keys from './keys.ts';
import * as places from './places.ts';
import * as stays from './stays.ts';

/**
 * Every operation the API serves, by `operationId`: the contract. The server implements each one
 * (`createRoute({ ...operations.listPlaces, middleware })`), /openapi.json is generated from them, and
 * {@link createClient} has one method per entry.
 */
export const operations = {
  // Module namespaces: each file's operations, keyed by their export name (= operationId, checked by a test).
  ...health,
  ...eligibility,
  ...conventions,
  ...places,
  ...beneficiaries,
  ...applications,
  ...stays,
  ...keys,
  ...audit,
};

export type Operations = typeof operations;
export type OperationId = keyof Operations;
