import { randomUUID } from 'node:crypto';
import {
  type BirthDateCertainty,
  DomainError,
  type EligibilityFacts,
  EligibilityFactsSchema,
  type PersonalData,
  resolveCommune,
} from '@tremplins/domain';
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { type FieldCipher, IntegrityError, normalizeCafNumber } from '../crypto/field-cipher.ts';
import { applications, beneficiaries, idempotencyKeys, stays } from '../db/schema.ts';
import type { Store } from '../db/store.ts';
import type { Principal } from '../deps.ts';
import { ApiProblem } from '../http/problem.ts';
import { visibleTo } from './scope.ts';

const TABLE = 'beneficiaries';
const PERSON_COLUMNS = {
  lastName: 'last_name_enc',
  firstName: 'first_name_enc',
  postalAddress: 'postal_address_enc',
  phone: 'phone_enc',
  cafNumber: 'caf_number_enc',
} as const satisfies Record<keyof PersonalData, string>;

export interface BeneficiaryRecord {
  id: string;
  associationId: string;
  person: PersonalData;
  facts: EligibilityFacts;
  birthDateCertainty: BirthDateCertainty;
  createdAt: string;
}

type Row = typeof beneficiaries.$inferSelect;

export function cafIndex(cipher: FieldCipher, cafNumber: string): string {
  return cipher.blindIndex('caf', normalizeCafNumber(cafNumber));
}

/** A commune that does not resolve would make every later evaluation fail: it is refused at the door. */
export function assertCommuneResolves(commune: string): void {
  try {
    resolveCommune(commune);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const candidates = (error.details as { candidates?: { name: string; inseeCode: string }[] } | undefined)
      ?.candidates;
    throw new ApiProblem('invalid_request', 'the commune of origin is not a known commune', {
      errors: [
        {
          path: 'facts.commune',
          message: candidates?.length
            ? `ambiguous or not a commune; candidates: ${candidates.map((c) => `${c.name} (${c.inseeCode})`).join(', ')}`
            : 'no current French commune has this name or INSEE code',
        },
      ],
    });
  }
}

export async function createBeneficiary(
  store: Store,
  cipher: FieldCipher,
  principal: Principal,
  input: {
    associationId: string;
    person: PersonalData;
    facts: EligibilityFacts;
    birthDateCertainty: BirthDateCertainty;
  },
): Promise<string> {
  assertCommuneResolves(input.facts.commune);
  const id = randomUUID();
  const seal = (column: string, value: string) => cipher.encrypt(value, { table: TABLE, column, rowId: id });
  const { person } = input;
  const cafBidx = cafIndex(cipher, person.cafNumber);
  await store.db.transaction(async (tx) => {
    await assertCafNumberFree(tx, cipher, input.associationId, person.cafNumber, cafBidx);
    await tx.insert(beneficiaries).values({
      id,
      associationId: input.associationId,
      factsEnc: seal('facts_enc', JSON.stringify(input.facts)),
      birthDateCertaintyEnc: seal('birth_date_certainty_enc', input.birthDateCertainty),
      lastNameEnc: seal(PERSON_COLUMNS.lastName, person.lastName),
      firstNameEnc: seal(PERSON_COLUMNS.firstName, person.firstName),
      postalAddressEnc: seal(PERSON_COLUMNS.postalAddress, person.postalAddress),
      phoneEnc: seal(PERSON_COLUMNS.phone, person.phone),
      cafNumberEnc: seal(PERSON_COLUMNS.cafNumber, normalizeCafNumber(person.cafNumber)),
      cafBidx,
    });
  });
  return id;
}

/**
 * One young person per CAF number within an association, found through the blind index under every
 * data key still in use; the transaction-scoped lock serialises two registrations of one number. The
 * 409 gives the existing record's pseudonymous id, never its data. Within one association only: across
 * associations the answer would tell a key that another association follows this person.
 */
async function assertCafNumberFree(
  tx: Transaction,
  cipher: FieldCipher,
  associationId: string,
  cafNumber: string,
  cafBidx: string,
  exceptId?: string,
): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${cafBidx}, 417))`);
  const sameNumber = and(
    eq(beneficiaries.associationId, associationId),
    inArray(beneficiaries.cafBidx, cipher.blindIndexes('caf', normalizeCafNumber(cafNumber))),
  );
  const [existing] = await tx
    .select({ id: beneficiaries.id })
    .from(beneficiaries)
    .where(exceptId ? and(sameNumber, ne(beneficiaries.id, exceptId)) : sameNumber);
  if (!existing) return;
  throw new ApiProblem(
    'duplicate_person',
    'a young person with this CAF number is already recorded: update that record',
    {
      errors: [{ path: 'person.cafNumber', message: 'already recorded' }],
      existingId: existing.id,
    },
  );
}

/** A record that has not been erased: every personal column is present (a check constraint holds it). */
type LiveRow = Row & { [K in (typeof SEALED)[number]]: string };
const SEALED = [
  'factsEnc',
  'birthDateCertaintyEnc',
  'lastNameEnc',
  'firstNameEnc',
  'postalAddressEnc',
  'phoneEnc',
  'cafNumberEnc',
  'cafBidx',
] as const;

function isLive(row: Row): row is LiveRow {
  return row.erasedAt === null;
}

export function decryptFacts(
  cipher: FieldCipher,
  row: { id: string; factsEnc: string | null },
): EligibilityFacts {
  if (row.factsEnc === null) throw new ApiProblem('not_found', 'the young person’s record was erased');
  const json = cipher.decrypt(row.factsEnc, { table: TABLE, column: 'facts_enc', rowId: row.id });
  return EligibilityFactsSchema.parse(JSON.parse(json));
}

function open(cipher: FieldCipher, row: LiveRow): BeneficiaryRecord {
  const read = (column: string, value: string) =>
    cipher.decrypt(value, { table: TABLE, column, rowId: row.id });
  return {
    id: row.id,
    associationId: row.associationId,
    person: {
      lastName: read(PERSON_COLUMNS.lastName, row.lastNameEnc),
      firstName: read(PERSON_COLUMNS.firstName, row.firstNameEnc),
      postalAddress: read(PERSON_COLUMNS.postalAddress, row.postalAddressEnc),
      phone: read(PERSON_COLUMNS.phone, row.phoneEnc),
      cafNumber: read(PERSON_COLUMNS.cafNumber, row.cafNumberEnc),
    },
    facts: decryptFacts(cipher, row),
    birthDateCertainty: read('birth_date_certainty_enc', row.birthDateCertaintyEnc) as BirthDateCertainty,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The row, if the principal may see it; a record of another association is reported as absent, and so
 * is an erased one.
 */
export async function findBeneficiaryRow(store: Store, principal: Principal, id: string): Promise<LiveRow> {
  const [row] = await store.db.select().from(beneficiaries).where(eq(beneficiaries.id, id));
  if (!row || !visibleTo(principal, row.associationId) || !isLive(row)) {
    throw new ApiProblem('not_found', 'no such young person');
  }
  return row;
}

export interface Rectification {
  person?: Partial<PersonalData>;
  facts?: EligibilityFacts;
  birthDateCertainty?: BirthDateCertainty;
}

/** Rectification (GDPR art. 16): the fields given are re-sealed; the CAF index follows the number. */
export async function rectifyBeneficiary(
  store: Store,
  cipher: FieldCipher,
  principal: Principal,
  id: string,
  change: Rectification,
): Promise<BeneficiaryRecord> {
  const current = await findBeneficiaryRow(store, principal, id);
  if (change.facts) assertCommuneResolves(change.facts.commune);
  const seal = (column: string, value: string) => cipher.encrypt(value, { table: TABLE, column, rowId: id });
  const person = change.person ?? {};
  const set: Partial<typeof beneficiaries.$inferInsert> = {};
  if (change.facts) set.factsEnc = seal('facts_enc', JSON.stringify(change.facts));
  if (change.birthDateCertainty)
    set.birthDateCertaintyEnc = seal('birth_date_certainty_enc', change.birthDateCertainty);
  if (person.lastName !== undefined) set.lastNameEnc = seal(PERSON_COLUMNS.lastName, person.lastName);
  if (person.firstName !== undefined) set.firstNameEnc = seal(PERSON_COLUMNS.firstName, person.firstName);
  if (person.postalAddress !== undefined) {
    set.postalAddressEnc = seal(PERSON_COLUMNS.postalAddress, person.postalAddress);
  }
  if (person.phone !== undefined) set.phoneEnc = seal(PERSON_COLUMNS.phone, person.phone);
  if (person.cafNumber !== undefined) {
    set.cafNumberEnc = seal(PERSON_COLUMNS.cafNumber, normalizeCafNumber(person.cafNumber));
    set.cafBidx = cafIndex(cipher, person.cafNumber);
  }
  if (Object.keys(set).length > 0) {
    await store.db.transaction(async (tx) => {
      if (person.cafNumber !== undefined && set.cafBidx) {
        await assertCafNumberFree(tx, cipher, current.associationId, person.cafNumber, set.cafBidx, id);
      }
      const updated = await tx
        .update(beneficiaries)
        .set(set)
        .where(and(eq(beneficiaries.id, id), isNull(beneficiaries.erasedAt)))
        .returning({ id: beneficiaries.id });
      if (updated.length === 0) throw new ApiProblem('not_found', 'no such young person');
    });
  }
  return getBeneficiary(store, cipher, principal, id);
}

/**
 * Erasure (GDPR art. 17, convention art. 13 at the end of the processing): every personal column is
 * emptied and the applications (advice, rationale) deleted. The stays stay under the pseudonymous id,
 * without their exit reason: they are the days of care the convention reports on (art. 11, 12).
 * A young person still housed is not erased (409): the stay must end first.
 */
export async function eraseBeneficiary(store: Store, principal: Principal, id: string): Promise<void> {
  await findBeneficiaryRow(store, principal, id);
  await store.db.transaction(async (tx) => {
    await lockLiveBeneficiary(tx, id);
    // Answers kept for retries that are about this young person go with the rest.
    await tx.delete(idempotencyKeys).where(eq(idempotencyKeys.subjectId, id));
    const [housed] = await tx
      .select({ id: stays.id })
      .from(stays)
      .where(and(eq(stays.beneficiaryId, id), isNull(stays.endOn)));
    if (housed) throw new ApiProblem('conflict', 'the young person is still housed; record the exit first');
    await tx.delete(applications).where(eq(applications.beneficiaryId, id));
    await tx.update(stays).set({ exitReasonEnc: null }).where(eq(stays.beneficiaryId, id));
    const cleared = Object.fromEntries(SEALED.map((column) => [column, null]));
    await tx
      .update(beneficiaries)
      .set({ ...cleared, erasedAt: new Date() })
      .where(eq(beneficiaries.id, id));
  });
}

type Transaction = Parameters<Parameters<Store['db']['transaction']>[0]>[0];

/**
 * Locks a young person's row for the rest of the transaction and checks it is not erased. Erasure, entries
 * and applications for one person all take this lock, so an erasure committed meanwhile wins (404) and
 * nothing new is recorded for an erased person (PostgreSQL; PGlite runs one transaction at a time).
 */
export async function lockLiveBeneficiary(tx: Transaction, id: string): Promise<void> {
  const [live] = await tx
    .select({ erasedAt: beneficiaries.erasedAt })
    .from(beneficiaries)
    .where(eq(beneficiaries.id, id))
    .for('update');
  if (!live || live.erasedAt !== null) throw new ApiProblem('not_found', 'no such young person');
}

export async function getBeneficiary(
  store: Store,
  cipher: FieldCipher,
  principal: Principal,
  id: string,
): Promise<BeneficiaryRecord> {
  return open(cipher, await findBeneficiaryRow(store, principal, id));
}

export async function findByCafNumber(
  store: Store,
  cipher: FieldCipher,
  principal: Principal,
  cafNumber: string,
): Promise<BeneficiaryRecord[]> {
  const rows = await store.db
    .select()
    .from(beneficiaries)
    .where(inArray(beneficiaries.cafBidx, cipher.blindIndexes('caf', normalizeCafNumber(cafNumber))));
  const wanted = normalizeCafNumber(cafNumber);
  const found: BeneficiaryRecord[] = [];
  for (const row of rows) {
    if (!visibleTo(principal, row.associationId) || !isLive(row)) continue;
    const record = open(cipher, row);
    // The index is only a pointer: a row whose own sealed number differs had an index copied onto
    // it (a database writer making the search return another person), and is not an answer.
    if (normalizeCafNumber(record.person.cafNumber) !== wanted) {
      throw new IntegrityError('a CAF index does not match its row’s sealed CAF number', TABLE, row.id);
    }
    found.push(record);
  }
  return found;
}
