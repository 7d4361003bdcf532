import { randomUUID } from 'node:crypto';
import type { CommissionDecision } from '@tremplins/domain';
import { type EligibilityResult, evaluateEligibility } from '@tremplins/rules';
import { and, eq, isNull } from 'drizzle-orm';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import { applications } from '../db/schema.ts';
import type { Store } from '../db/store.ts';
import type { Principal } from '../deps.ts';
import { ApiProblem } from '../http/problem.ts';
import { decryptFacts, findBeneficiaryRow, lockLiveBeneficiary } from './beneficiaries.ts';
import { getConventionDocument } from './conventions.ts';
import { assertRunsPlaces, visibleTo } from './scope.ts';

export interface ApplicationRecord {
  id: string;
  beneficiaryId: string;
  associationId: string;
  conventionId: string;
  submittedOn: string;
  /** The engine's advice, as given; it is never a decision (GDPR art. 22). */
  advice: EligibilityResult;
  decision: CommissionDecision | null;
}

type Row = typeof applications.$inferSelect;

const adviceCell = (id: string) => ({ table: 'applications', column: 'advice_enc', rowId: id });

function toRecord(cipher: FieldCipher, row: Row): ApplicationRecord {
  const decision =
    row.decision && row.decidedBy && row.decidedOn && row.rationaleEnc
      ? {
          decision: row.decision,
          decidedBy: row.decidedBy,
          decidedOn: row.decidedOn,
          rationale: cipher.decrypt(row.rationaleEnc, {
            table: 'applications',
            column: 'rationale_enc',
            rowId: row.id,
          }),
        }
      : null;
  return {
    id: row.id,
    beneficiaryId: row.beneficiaryId,
    associationId: row.associationId,
    conventionId: row.conventionId,
    submittedOn: row.submittedOn,
    advice: JSON.parse(cipher.decrypt(row.adviceEnc, adviceCell(row.id))) as EligibilityResult,
    decision,
  };
}

/** Pre-admission: the facts stored for the young person, evaluated on the day the file is submitted. */
export async function createApplication(
  store: Store,
  cipher: FieldCipher,
  principal: Principal,
  input: { beneficiaryId: string; conventionId: string; submittedOn: string },
): Promise<ApplicationRecord> {
  const convention = await getConventionDocument(store, input.conventionId);
  const beneficiary = await findBeneficiaryRow(store, principal, input.beneficiaryId);
  assertRunsPlaces(beneficiary.associationId, convention);
  const facts = decryptFacts(cipher, beneficiary);
  const advice = await evaluateEligibility({ ...facts, referenceDate: input.submittedOn });
  const row = {
    id: randomUUID(),
    beneficiaryId: beneficiary.id,
    associationId: beneficiary.associationId,
    conventionId: input.conventionId,
    submittedOn: input.submittedOn,
  };
  await store.db.transaction(async (tx) => {
    await lockLiveBeneficiary(tx, beneficiary.id);
    await tx
      .insert(applications)
      .values({ ...row, adviceEnc: cipher.encrypt(JSON.stringify(advice), adviceCell(row.id)) });
  });
  return { ...row, advice, decision: null };
}

async function findRow(store: Store, principal: Principal, id: string): Promise<Row> {
  const [row] = await store.db.select().from(applications).where(eq(applications.id, id));
  if (!row || !visibleTo(principal, row.associationId))
    throw new ApiProblem('not_found', 'no such application');
  return row;
}

export async function getApplication(
  store: Store,
  cipher: FieldCipher,
  principal: Principal,
  id: string,
): Promise<ApplicationRecord> {
  return toRecord(cipher, await findRow(store, principal, id));
}

/**
 * Records the commission's decision. Only a named person with a rationale can: the route requires both,
 * the table's check constraint refuses a decision without them, and nothing else writes this column.
 */
export async function decideApplication(
  store: Store,
  cipher: FieldCipher,
  principal: Principal,
  id: string,
  decision: CommissionDecision,
): Promise<ApplicationRecord> {
  await findRow(store, principal, id);
  const updated = await store.db
    .update(applications)
    .set({
      decision: decision.decision,
      decidedBy: decision.decidedBy,
      decidedOn: decision.decidedOn,
      rationaleEnc: cipher.encrypt(decision.rationale, {
        table: 'applications',
        column: 'rationale_enc',
        rowId: id,
      }),
      decisionKeyId: principal.keyId,
    })
    .where(and(eq(applications.id, id), isNull(applications.decision)))
    .returning();
  const [row] = updated;
  if (!row) throw new ApiProblem('already_decided', 'the application already has a decision');
  return toRecord(cipher, row);
}
