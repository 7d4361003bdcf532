import type { Convention } from '@tremplins/domain';
import type { Store } from '../db/store.ts';
import type { Principal } from '../deps.ts';
import { ApiProblem } from '../http/problem.ts';
import { listConventionDocuments } from './conventions.ts';

/*
 * Who may touch what — the one ownership policy of the API (OWASP API1/API5). Each record belongs to
 * an association: a young person, their applications and stays to the association that follows them;
 * an apartment and its places to the association that runs them (`operator`; the minors' places are
 * run by the convention's partner). An association key reads and writes only its own; a department key
 * acts for a named association that exists (a party that runs places of a stored convention).
 * A record of another association is "not found" when this key may not even see it, so its existence
 * does not leak; a record every key sees (a place, an apartment) is "forbidden" to change.
 */

/** May this key see, and so change, a record owned by `associationId`? (A partner key owns nothing.) */
export function visibleTo(principal: Principal, associationId: string): boolean {
  return principal.role === 'department' || principal.associationId === associationId;
}

/** The parties that run places of a convention: its operator, and the partner that runs the minors'. */
export function placeRunners(convention: Convention): string[] {
  return convention.parties.filter((p) => p.role === 'operator' || p.role === 'partner').map((p) => p.id);
}

/** The associations that run places of a stored convention: the only owners a record can have. */
export async function associationsRunningPlaces(store: Store): Promise<Set<string>> {
  return new Set((await listConventionDocuments(store)).flatMap(placeRunners));
}

/**
 * The association a new record belongs to: the key's own for an association key (another one is
 * refused); for a department key the one it names, which must exist. `field` names the request field.
 */
export async function owningAssociation(
  store: Store,
  principal: Principal,
  requested: string | undefined | null,
  field = 'associationId',
): Promise<string> {
  if (principal.role === 'association') {
    if (requested !== undefined && requested !== null && requested !== principal.associationId) {
      throw new ApiProblem('forbidden', 'an association key records only its own association', {
        errors: [{ path: field, message: 'must be the key’s association or absent' }],
      });
    }
    return principal.associationId as string;
  }
  if (requested === undefined || requested === null) {
    throw new ApiProblem(
      'invalid_request',
      'a department key must say which association the record belongs to',
      {
        errors: [{ path: field, message: 'required for a department key' }],
      },
    );
  }
  await assertKnownAssociation(store, requested, field);
  return requested;
}

/** A department does not create an association out of nothing: it must run places of a convention. */
export async function assertKnownAssociation(store: Store, associationId: string, field = 'associationId') {
  if (!(await associationsRunningPlaces(store)).has(associationId)) {
    throw new ApiProblem('invalid_request', 'no association of that id runs places of a convention', {
      errors: [{ path: field, message: 'must be an association that runs places of a stored convention' }],
    });
  }
}

/**
 * Only an association that runs places of the convention (its operator, or the partner that runs the
 * minors' places) houses young people in them, whoever's key records the entry.
 */
export function assertRunsPlaces(associationId: string, convention: Convention): void {
  if (!placeRunners(convention).includes(associationId)) {
    throw new ApiProblem('forbidden', 'this association runs no places of the convention');
  }
}
