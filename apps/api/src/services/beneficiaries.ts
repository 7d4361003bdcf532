import { randomUUID } from 'node:crypto';
import {
  type BirthDateCertainty,
  DomainError,
  type EligibilityFacts,
  EligibilityFactsSchema,
  type PersonalData,
  resolveCommune,
} from '@tremplins/domain';
import { eq, inArray } from 'drizzle-orm';
import { type FieldCipher, normalizeCafNumber } from '../crypto/field-cipher.ts';
import { beneficiaries } from '../db/schema.ts';
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
  await store.db.insert(beneficiaries).values({
    id,
    associationId: input.associationId,
    factsEnc: seal('facts_enc', JSON.stringify(input.facts)),
    birthDateCertaintyEnc: seal('birth_date_certainty_enc', input.birthDateCertainty),
    lastNameEnc: seal(PERSON_COLUMNS.lastName, person.lastName),
    firstNameEnc: seal(PERSON_COLUMNS.firstName, person.firstName),
    postalAddressEnc: seal(PERSON_COLUMNS.postalAddress, person.postalAddress),
    phoneEnc: seal(PERSON_COLUMNS.phone, person.phone),
    cafNumberEnc: seal(PERSON_COLUMNS.cafNumber, normalizeCafNumber(person.cafNumber)),
    cafBidx: cafIndex(cipher, person.cafNumber),
  });
  return id;
}

export function decryptFacts(cipher: FieldCipher, row: Pick<Row, 'id' | 'factsEnc'>): EligibilityFacts {
  const json = cipher.decrypt(row.factsEnc, { table: TABLE, column: 'facts_enc', rowId: row.id });
  return EligibilityFactsSchema.parse(JSON.parse(json));
}

function open(cipher: FieldCipher, row: Row): BeneficiaryRecord {
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

/** The row, if the principal may see it; a record of another association is reported as absent. */
export async function findBeneficiaryRow(store: Store, principal: Principal, id: string): Promise<Row> {
  const [row] = await store.db.select().from(beneficiaries).where(eq(beneficiaries.id, id));
  if (!row || !visibleTo(principal, row.associationId)) {
    throw new ApiProblem('not_found', `no beneficiary ${id}`);
  }
  return row;
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
  return rows.filter((row) => visibleTo(principal, row.associationId)).map((row) => open(cipher, row));
}
