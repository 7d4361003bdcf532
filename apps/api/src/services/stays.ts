import { randomUUID } from 'node:crypto';
import {
  type Convention,
  compareDates,
  type ExitReason,
  isPlaceAvailableOn,
  maxDate,
  plannedEndOn,
  stayRuleFor,
} from '@tremplins/domain';
import { evaluateEligibility } from '@tremplins/rules';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import { places, stays } from '../db/schema.ts';
import type { Store } from '../db/store.ts';
import type { Principal } from '../deps.ts';
import { ApiProblem } from '../http/problem.ts';
import { decryptFacts, findBeneficiaryRow, lockLiveBeneficiary } from './beneficiaries.ts';
import { getConventionDocument } from './conventions.ts';
import { assertRunsPlaces, visibleTo } from './scope.ts';

export type StayRow = typeof stays.$inferSelect;

export interface StayRecord {
  id: string;
  beneficiaryId: string;
  placeId: string;
  category: 'adult' | 'minor';
  startOn: string;
  plannedEndOn: string;
  renewals: number;
  endOn: string | null;
  exitReason: ExitReason | null;
}

const exitCell = (id: string) => ({ table: 'stays', column: 'exit_reason_enc', rowId: id });

function toRecord(cipher: FieldCipher, row: StayRow): StayRecord {
  return {
    id: row.id,
    beneficiaryId: row.beneficiaryId,
    placeId: row.placeId,
    category: row.category,
    startOn: row.startOn,
    plannedEndOn: row.plannedEndOn,
    renewals: row.renewals,
    endOn: row.endOn,
    exitReason:
      row.exitReasonEnc === null ? null : (cipher.decrypt(row.exitReasonEnc, exitCell(row.id)) as ExitReason),
  };
}

/**
 * Registers an entry (art. 6). Refuses, and changes nothing, when the young person is not eligible on
 * `startOn` (422, with the failed checks), when the place does not exist then or is taken, when the
 * young person is already housed, or when the place's category does not fit their age on `startOn` (409).
 * A stay is open-ended until its exit is recorded, so it holds its place until then.
 */
export async function createStay(
  store: Store,
  cipher: FieldCipher,
  principal: Principal,
  input: { beneficiaryId: string; placeId: string; startOn: string },
): Promise<StayRecord> {
  const beneficiary = await findBeneficiaryRow(store, principal, input.beneficiaryId);
  const facts = decryptFacts(cipher, beneficiary);
  // Read before the transaction: PGlite has one connection, so a query outside `tx` would wait on it.
  const convention = await conventionOfPlace(store, input.placeId);
  assertRunsPlaces(beneficiary.associationId, convention);
  return store.db.transaction(async (tx) => {
    // Row locks serialise two entries on one place or one young person (PostgreSQL; PGlite is serial).
    const [place] = await tx.select().from(places).where(eq(places.id, input.placeId)).for('update');
    if (!place) throw new ApiProblem('not_found', 'no such place');
    // The association that follows the young person must run the place (its operator or partner).
    if (place.operator !== beneficiary.associationId) {
      throw new ApiProblem(
        principal.role === 'association' ? 'forbidden' : 'operator_mismatch',
        'this place is run by another association than the young person’s',
      );
    }
    await lockLiveBeneficiary(tx, beneficiary.id);
    if (!isPlaceAvailableOn(place, input.startOn) || compareDates(input.startOn, convention.period.end) > 0) {
      throw new ApiProblem('place_not_available', 'the place does not exist on startOn');
    }
    const result = await evaluateEligibility({ ...facts, referenceDate: input.startOn });
    if (result.verdict === 'ineligible') {
      const failed = result.checks.filter((c) => c.outcome === 'failed');
      throw new ApiProblem(
        'ineligible',
        `not eligible on startOn: ${failed.map((c) => c.label).join('; ')}`,
        {
          checks: failed.map(({ id, label, article }) => ({ id, label, article })),
        },
      );
    }
    if (result.verdict === 'undetermined') {
      throw new ApiProblem(
        'eligibility_undetermined',
        'eligibility cannot be established: facts are missing',
        {
          missingFacts: result.missingFacts,
        },
      );
    }
    if (result.category !== place.category) {
      // The message gives categories, never the age: error bodies carry no personal data.
      throw new ApiProblem(
        'category_mismatch',
        `on startOn this young person takes a ${result.category} place; the place is a ${place.category} place`,
      );
    }
    const open = or(isNull(stays.endOn), gt(stays.endOn, input.startOn));
    const [taken] = await tx
      .select({ id: stays.id, associationId: stays.associationId })
      .from(stays)
      .where(and(eq(stays.placeId, place.id), open));
    if (taken) {
      // Another association's stay is not named: its id is not this key's to know.
      const which = visibleTo(principal, taken.associationId) ? ` (stay ${taken.id})` : '';
      throw new ApiProblem('place_occupied', `the place is taken on startOn${which}`);
    }
    const [housed] = await tx
      .select({ id: stays.id })
      .from(stays)
      .where(and(eq(stays.beneficiaryId, beneficiary.id), open));
    if (housed) {
      throw new ApiProblem('already_housed', `the young person is in stay ${housed.id} on startOn`);
    }
    const row: StayRow = {
      id: randomUUID(),
      beneficiaryId: beneficiary.id,
      placeId: place.id,
      associationId: beneficiary.associationId,
      category: place.category,
      startOn: input.startOn,
      plannedEndOn: plannedEndOn(stayRuleFor(convention.stayRules, place.category), input.startOn),
      renewals: 0,
      endOn: null,
      exitReasonEnc: null,
    };
    await tx.insert(stays).values(row);
    return toRecord(cipher, row);
  });
}

async function findRow(store: Store, principal: Principal, id: string): Promise<StayRow> {
  const [row] = await store.db.select().from(stays).where(eq(stays.id, id));
  if (!row || !visibleTo(principal, row.associationId)) throw new ApiProblem('not_found', 'no such stay');
  return row;
}

export async function getStay(
  store: Store,
  cipher: FieldCipher,
  principal: Principal,
  id: string,
): Promise<StayRecord> {
  return toRecord(cipher, await findRow(store, principal, id));
}

async function conventionOfPlace(store: Store, placeId: string): Promise<Convention> {
  const [place] = await store.db
    .select({ conventionId: places.conventionId })
    .from(places)
    .where(eq(places.id, placeId));
  if (!place) throw new ApiProblem('not_found', 'no such place');
  return getConventionDocument(store, place.conventionId);
}

/** Art. 6 / rapport n°41: one renewal, chained on the previous planned end. */
export async function renewStay(
  store: Store,
  cipher: FieldCipher,
  principal: Principal,
  id: string,
): Promise<StayRecord> {
  const row = await findRow(store, principal, id);
  if (row.endOn !== null) throw new ApiProblem('already_exited', `the stay ended on ${row.endOn}`);
  const rule = stayRuleFor((await conventionOfPlace(store, row.placeId)).stayRules, row.category);
  if (row.renewals >= rule.maxRenewals) {
    throw new ApiProblem(
      'renewal_limit',
      `the stay has had ${row.renewals} renewal(s); the convention allows ${rule.maxRenewals} (${rule.articles.join(', ')})`,
    );
  }
  const renewals = row.renewals + 1;
  const [updated] = await store.db
    .update(stays)
    .set({ renewals, plannedEndOn: plannedEndOn(rule, row.startOn, renewals) })
    .where(and(eq(stays.id, id), eq(stays.renewals, row.renewals), isNull(stays.endOn)))
    .returning();
  if (!updated) throw new ApiProblem('conflict', 'the stay changed meanwhile; read it again');
  return toRecord(cipher, updated);
}

/** An exit is recorded once it has happened: `endOn` lies between the entry and today. */
export async function exitStay(
  store: Store,
  cipher: FieldCipher,
  principal: Principal,
  id: string,
  input: { endOn: string; reason: ExitReason; today: string },
): Promise<StayRecord> {
  const row = await findRow(store, principal, id);
  // An exit is recorded once it has happened; a stay that has not begun is cancelled with endOn = startOn.
  if (compareDates(input.endOn, maxDate(input.today, row.startOn)) > 0) {
    throw new ApiProblem('invalid_request', 'endOn is in the future; record the exit once it has happened', {
      errors: [{ path: 'endOn', message: 'must not be after today (Europe/Paris)' }],
    });
  }
  if (row.endOn !== null) throw new ApiProblem('already_exited', `the stay ended on ${row.endOn}`);
  if (compareDates(input.endOn, row.startOn) < 0) {
    throw new ApiProblem('invalid_request', `endOn is before the stay's start ${row.startOn}`, {
      errors: [{ path: 'endOn', message: 'must not be before the stay’s startOn' }],
    });
  }
  const [updated] = await store.db
    .update(stays)
    .set({ endOn: input.endOn, exitReasonEnc: cipher.encrypt(input.reason, exitCell(id)) })
    .where(and(eq(stays.id, id), isNull(stays.endOn)))
    .returning();
  if (!updated) throw new ApiProblem('already_exited', 'the stay already has an exit');
  return toRecord(cipher, updated);
}
