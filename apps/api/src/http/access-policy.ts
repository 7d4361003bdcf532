import { operations } from '@tremplins/client';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Role } from '../deps.ts';
import { requireRole } from './middleware.ts';

export type OperationId = keyof typeof operations;

/**
 * Who may call each operation, and whose records it touches — the one table the routes and the
 * authorization matrix test read (a new operation without an entry does not compile).
 * - `roles`: the key roles admitted (a partner never reaches personal data, convention art. 13);
 * - `owned`: the record of the path belongs to an association; an association key reaches only its
 *   own (another's is `404`, or `403` for records every key may list: apartments);
 * - `references`: the same for the record the body names.
 */
export interface Access {
  roles: readonly Role[] | 'none';
  owned?: 'beneficiary' | 'application' | 'stay' | 'apartment';
  /** The body names a young person, who must be this key's association's (`404` otherwise). */
  references?: 'beneficiary';
  /** A POST that only computes or reads: a retry changes nothing, so no Idempotency-Key is stored. */
  pure?: true;
}

const ALL: readonly Role[] = ['department', 'association', 'partner'];
const STAFF: readonly Role[] = ['department', 'association'];

export const ACCESS: Record<OperationId, Access> = {
  getHealth: { roles: 'none' },
  evaluateEligibility: { roles: ALL, pure: true },
  evaluateEligibilityBatch: { roles: ALL, pure: true },
  listConventions: { roles: ALL },
  getConvention: { roles: ALL },
  getFunding: { roles: ALL },
  getConsistency: { roles: ALL },
  getOccupancy: { roles: ALL },
  getDeadlines: { roles: STAFF },
  computeTermination: { roles: STAFF, pure: true },
  evaluateReimbursement: { roles: STAFF, pure: true },
  listPlaces: { roles: ALL },
  listApartments: { roles: ALL },
  createApartment: { roles: STAFF },
  assignPlaces: { roles: STAFF, owned: 'apartment' },
  createBeneficiary: { roles: STAFF },
  findBeneficiaries: { roles: STAFF },
  searchBeneficiaries: { roles: STAFF, pure: true },
  getBeneficiary: { roles: STAFF, owned: 'beneficiary' },
  rectifyBeneficiary: { roles: STAFF, owned: 'beneficiary' },
  eraseBeneficiary: { roles: STAFF, owned: 'beneficiary' },
  createApplication: { roles: STAFF, references: 'beneficiary' },
  getApplication: { roles: STAFF, owned: 'application' },
  decideApplication: { roles: STAFF, owned: 'application' },
  createStay: { roles: STAFF, references: 'beneficiary' },
  getStay: { roles: STAFF, owned: 'stay' },
  renewStay: { roles: STAFF, owned: 'stay' },
  exitStay: { roles: STAFF, owned: 'stay' },
  createKey: { roles: ['department'] },
  revokeKey: { roles: ['department'] },
  listAuditEvents: { roles: ['department'] },
};

const NO_CHECK: MiddlewareHandler<AppEnv> = async (_c, next) => {
  await next();
};

/** The middleware that admits the operation's roles (authentication itself runs for every /v1 route). */
export function access(operationId: OperationId): MiddlewareHandler<AppEnv> {
  const { roles } = ACCESS[operationId];
  if (roles === 'none' || roles.length === ALL.length) return NO_CHECK;
  return requireRole(...roles);
}

const MATCHERS = (Object.keys(operations) as OperationId[]).map((operationId) => {
  const { method, path } = operations[operationId];
  const pattern = new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`);
  return { operationId, method: method as string, pattern };
});

/** The operation a request is for, and its access entry (for middleware that runs before routing). */
export function operationAt(
  method: string,
  path: string,
): { operationId: OperationId; access: Access } | undefined {
  const found = MATCHERS.find((m) => m.method === method.toLowerCase() && m.pattern.test(path));
  return found ? { operationId: found.operationId, access: ACCESS[found.operationId] } : undefined;
}
