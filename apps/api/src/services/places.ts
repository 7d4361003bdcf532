import { randomUUID } from 'node:crypto';
import type { CommuneRef, PlaceView } from '@tremplins/client';
import { findCommuneByInseeCode, resolveCommune } from '@tremplins/domain';
import { and, asc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { apartments, places, stays } from '../db/schema.ts';
import type { Store } from '../db/store.ts';
import type { Principal } from '../deps.ts';
import { ApiProblem } from '../http/problem.ts';
import { getConventionDocument } from './conventions.ts';
import { owningAssociation, placeRunners, visibleTo } from './scope.ts';

function communeRef(inseeCode: string): CommuneRef {
  return { inseeCode, name: findCommuneByInseeCode(inseeCode)?.name ?? inseeCode };
}

/** The places that exist on `asOf`, with their apartment and whether a stay holds them that night. */
export async function listPlaces(store: Store, principal: Principal, asOf: string): Promise<PlaceView[]> {
  const rows = await store.db
    .select({
      id: places.id,
      conventionId: places.conventionId,
      category: places.category,
      apartmentId: places.apartmentId,
      apartmentLabel: apartments.label,
      commune: apartments.commune,
      stayBeneficiary: stays.beneficiaryId,
      stayAssociation: stays.associationId,
    })
    .from(places)
    .leftJoin(apartments, eq(apartments.id, places.apartmentId))
    .leftJoin(
      stays,
      and(
        eq(stays.placeId, places.id),
        lte(stays.startOn, asOf),
        or(isNull(stays.endOn), gt(stays.endOn, asOf)),
      ),
    )
    .where(
      and(
        lte(places.availableFrom, asOf),
        or(isNull(places.availableUntil), sql`${places.availableUntil} >= ${asOf}`),
      ),
    )
    .orderBy(asc(places.id));
  return rows.map((r) => {
    const view: PlaceView = {
      id: r.id,
      conventionId: r.conventionId,
      category: r.category,
      apartmentId: r.apartmentId,
      apartmentLabel: r.apartmentLabel,
      commune: r.commune ? communeRef(r.commune) : null,
      occupied: r.stayBeneficiary !== null,
    };
    if (
      r.stayBeneficiary &&
      r.stayAssociation &&
      principal.role !== 'partner' &&
      visibleTo(principal, r.stayAssociation)
    ) {
      view.occupiedBy = r.stayBeneficiary;
    }
    return view;
  });
}

export interface ApartmentView {
  id: string;
  conventionId: string;
  label: string;
  commune: CommuneRef;
  operator: string;
  placeIds: string[];
}

export async function listApartments(store: Store): Promise<ApartmentView[]> {
  const rows = await store.db.select().from(apartments).orderBy(asc(apartments.label));
  const assigned = await store.db
    .select({ id: places.id, apartmentId: places.apartmentId })
    .from(places)
    .where(sql`${places.apartmentId} is not null`)
    .orderBy(asc(places.id));
  return rows.map((a) => ({
    id: a.id,
    conventionId: a.conventionId,
    label: a.label,
    commune: communeRef(a.commune),
    operator: a.operator,
    placeIds: assigned.filter((p) => p.apartmentId === a.id).map((p) => p.id),
  }));
}

/**
 * Records an apartment. Rapport n°41 places them in Oignies, Hénin-Beaumont and Libercourt; another
 * commune is accepted (the association may move) but must be a real commune. The apartment belongs to
 * the association that runs it: an association key records only its own; a department key names a
 * party that runs places of the convention (by default its operator).
 */
export async function createApartment(
  store: Store,
  principal: Principal,
  input: { conventionId: string; label: string; commune: string; operator?: string },
): Promise<ApartmentView> {
  const convention = await getConventionDocument(store, input.conventionId);
  const commune = resolveCommune(input.commune);
  let operator: string;
  if (principal.role === 'association') {
    operator = await owningAssociation(store, principal, input.operator, 'operator');
  } else {
    operator = input.operator ?? convention.parties.find((p) => p.role === 'operator')?.id ?? '';
  }
  const runners = placeRunners(convention);
  if (!runners.includes(operator)) {
    throw new ApiProblem('invalid_request', 'the operator runs no places of this convention', {
      errors: [{ path: 'operator', message: `must be one of ${runners.join(', ')}` }],
    });
  }
  const row = {
    id: randomUUID(),
    conventionId: convention.id,
    label: input.label,
    commune: commune.inseeCode,
    operator,
  };
  await store.db.insert(apartments).values(row);
  return { ...row, commune: communeRef(row.commune), placeIds: [] };
}

/**
 * Puts places in an apartment. The apartment and every place must be run by one association, and an
 * association key moves only its own places into its own apartments; nothing changes when one fails.
 */
export async function assignPlaces(
  store: Store,
  principal: Principal,
  apartmentId: string,
  placeIds: string[],
): Promise<ApartmentView> {
  return store.db.transaction(async (tx) => {
    const [apartment] = await tx.select().from(apartments).where(eq(apartments.id, apartmentId));
    if (!apartment) throw new ApiProblem('not_found', 'no such apartment');
    if (!visibleTo(principal, apartment.operator)) {
      throw new ApiProblem('forbidden', 'this apartment is run by another association');
    }
    for (const [index, placeId] of placeIds.entries()) {
      const [place] = await tx
        .select({ id: places.id, operator: places.operator })
        .from(places)
        .where(and(eq(places.id, placeId), eq(places.conventionId, apartment.conventionId)))
        .for('update');
      if (!place) {
        throw new ApiProblem('invalid_request', 'a place is not one of the apartment’s convention', {
          errors: [{ path: `placeIds.${index}`, message: 'unknown place' }],
        });
      }
      if (place.operator !== apartment.operator) {
        throw new ApiProblem(
          principal.role === 'association' ? 'forbidden' : 'operator_mismatch',
          'a place is run by another association than the apartment',
          { errors: [{ path: `placeIds.${index}`, message: 'run by another association' }] },
        );
      }
      await tx.update(places).set({ apartmentId }).where(eq(places.id, place.id));
    }
    const all = await listApartmentsIn(tx as unknown as Store['db'], apartmentId);
    return {
      id: apartment.id,
      conventionId: apartment.conventionId,
      label: apartment.label,
      commune: communeRef(apartment.commune),
      operator: apartment.operator,
      placeIds: all,
    };
  });
}

async function listApartmentsIn(db: Store['db'], apartmentId: string): Promise<string[]> {
  const rows = await db
    .select({ id: places.id })
    .from(places)
    .where(eq(places.apartmentId, apartmentId))
    .orderBy(asc(places.id));
  return rows.map((r) => r.id);
}
