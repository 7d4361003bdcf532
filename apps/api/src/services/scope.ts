import type { Convention } from '@tremplins/domain';
import type { Principal } from '../deps.ts';
import { ApiProblem } from '../http/problem.ts';

/** Partners never reach personal data; the route layer refuses them before any service runs. */
export function assertMayReadPersonalData(principal: Principal): void {
  if (principal.role === 'partner') {
    throw new ApiProblem('forbidden', 'a partner key does not reach personal data (convention art. 13)');
  }
}

/**
 * The association a record belongs to is the key's own; only a department key chooses, and must.
 * A record of another association is "not found", so its existence does not leak (OWASP API1).
 */
export function owningAssociation(principal: Principal, requested: string | undefined): string {
  if (principal.role === 'association') {
    if (requested !== undefined && requested !== principal.associationId) {
      throw new ApiProblem('forbidden', 'an association key records only its own association', {
        errors: [{ path: 'associationId', message: 'must be the key’s association or absent' }],
      });
    }
    return principal.associationId as string;
  }
  if (requested === undefined) {
    throw new ApiProblem(
      'invalid_request',
      'a department key must say which association the record belongs to',
      {
        errors: [{ path: 'associationId', message: 'required for a department key' }],
      },
    );
  }
  return requested;
}

export function visibleTo(principal: Principal, associationId: string): boolean {
  return principal.role === 'department' || principal.associationId === associationId;
}

/**
 * Only an association that runs places of the convention (its operator, or the partner that runs the
 * minors' places) houses young people in them, whoever's key records the entry.
 */
export function assertRunsPlaces(associationId: string, convention: Convention): void {
  if (
    !convention.parties.some((p) => p.id === associationId && (p.role === 'operator' || p.role === 'partner'))
  ) {
    throw new ApiProblem(
      'forbidden',
      `association ${associationId} runs no places of convention ${convention.id}`,
    );
  }
}
