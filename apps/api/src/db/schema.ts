import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/**
 * The tables. Personal data (art. 13 of the convention) lives only in `*_enc` columns, each value
 * AES-256-GCM encrypted and bound to its table, column and row (see crypto/field-cipher.ts); the CAF
 * number is found through `caf_bidx`, a keyed HMAC, never a clear-text column.
 */

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    /** SHA-256 of the secret part, hex: the key itself is shown once and never stored. */
    secretHash: text('secret_hash').notNull(),
    role: text('role', { enum: ['department', 'association', 'partner'] }).notNull(),
    associationId: text('association_id'),
    label: text('label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    check('api_keys_role', sql`${t.role} in ('department', 'association', 'partner')`),
    check('api_keys_association', sql`(${t.role} = 'association') = (${t.associationId} is not null)`),
  ],
);

export const conventions = pgTable('conventions', {
  id: text('id').primaryKey(),
  /** The domain's Convention object, validated by ConventionSchema when read. */
  document: jsonb('document').notNull(),
  seededAt: timestamp('seeded_at', { withTimezone: true }).notNull().defaultNow(),
});

export const apartments = pgTable('apartments', {
  id: text('id').primaryKey(),
  conventionId: text('convention_id')
    .notNull()
    .references(() => conventions.id),
  label: text('label').notNull(),
  /** INSEE code. */
  commune: text('commune').notNull(),
  operator: text('operator').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const places = pgTable(
  'places',
  {
    id: text('id').primaryKey(),
    conventionId: text('convention_id')
      .notNull()
      .references(() => conventions.id),
    category: text('category', { enum: ['adult', 'minor'] }).notNull(),
    apartmentId: text('apartment_id').references(() => apartments.id),
    operator: text('operator').notNull(),
    availableFrom: date('available_from', { mode: 'string' }).notNull(),
    availableUntil: date('available_until', { mode: 'string' }),
  },
  (t) => [index('places_convention').on(t.conventionId)],
);

export const beneficiaries = pgTable(
  'beneficiaries',
  {
    id: text('id').primaryKey(),
    associationId: text('association_id').notNull(),
    /** The eligibility facts (birth date, ASE situation…) as encrypted JSON. */
    factsEnc: text('facts_enc'),
    /** Whether the birth date is exact or disputed (often an unaccompanied minor's contested age): encrypted. */
    birthDateCertaintyEnc: text('birth_date_certainty_enc'),
    lastNameEnc: text('last_name_enc'),
    firstNameEnc: text('first_name_enc'),
    postalAddressEnc: text('postal_address_enc'),
    phoneEnc: text('phone_enc'),
    cafNumberEnc: text('caf_number_enc'),
    cafBidx: text('caf_bidx'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when the record is erased (GDPR art. 17): every personal column is then null. */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
  },
  (t) => [
    index('beneficiaries_caf_bidx').on(t.cafBidx),
    index('beneficiaries_association').on(t.associationId),
    check(
      'beneficiaries_erased_or_whole',
      sql`(${t.erasedAt} is null) = (${t.factsEnc} is not null and ${t.lastNameEnc} is not null and ${t.firstNameEnc} is not null and ${t.postalAddressEnc} is not null and ${t.phoneEnc} is not null and ${t.cafNumberEnc} is not null and ${t.cafBidx} is not null and ${t.birthDateCertaintyEnc} is not null)`,
    ),
    check(
      'beneficiaries_erased_is_empty',
      sql`${t.erasedAt} is null or coalesce(${t.factsEnc}, ${t.lastNameEnc}, ${t.firstNameEnc}, ${t.postalAddressEnc}, ${t.phoneEnc}, ${t.cafNumberEnc}, ${t.cafBidx}, ${t.birthDateCertaintyEnc}) is null`,
    ),
  ],
);

export const applications = pgTable(
  'applications',
  {
    id: text('id').primaryKey(),
    beneficiaryId: text('beneficiary_id')
      .notNull()
      .references(() => beneficiaries.id),
    associationId: text('association_id').notNull(),
    conventionId: text('convention_id')
      .notNull()
      .references(() => conventions.id),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    /** The engine's answer as it was given (age, checks, priority reasons), encrypted; never a decision. */
    adviceEnc: text('advice_enc').notNull(),
    decision: text('decision', { enum: ['admitted', 'refused', 'deferred'] }),
    decidedBy: text('decided_by'),
    decidedOn: date('decided_on', { mode: 'string' }),
    /** Free text about a young person: encrypted like personal data. */
    rationaleEnc: text('rationale_enc'),
    decisionKeyId: text('decision_key_id'),
  },
  (t) => [
    index('applications_beneficiary').on(t.beneficiaryId),
    check(
      'applications_decision_by_a_person',
      sql`(${t.decision} is null) or (${t.decidedBy} is not null and ${t.rationaleEnc} is not null and ${t.decidedOn} is not null)`,
    ),
  ],
);

export const stays = pgTable(
  'stays',
  {
    id: text('id').primaryKey(),
    beneficiaryId: text('beneficiary_id')
      .notNull()
      .references(() => beneficiaries.id),
    placeId: text('place_id')
      .notNull()
      .references(() => places.id),
    associationId: text('association_id').notNull(),
    category: text('category', { enum: ['adult', 'minor'] }).notNull(),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    plannedEndOn: date('planned_end_on', { mode: 'string' }).notNull(),
    renewals: integer('renewals').notNull().default(0),
    /** The exit date: the young person leaves that day (its night is not a day of care). */
    endOn: date('end_on', { mode: 'string' }),
    /** Why the young person left (e.g. excluded): encrypted. */
    exitReasonEnc: text('exit_reason_enc'),
  },
  (t) => [
    index('stays_place').on(t.placeId, t.startOn),
    index('stays_beneficiary').on(t.beneficiaryId, t.startOn),
    check('stays_end_after_start', sql`${t.endOn} is null or ${t.endOn} >= ${t.startOn}`),
    // An exit has a reason, until the young person's record is erased (the reason goes with it).
    check('stays_exit_reason_after_exit', sql`${t.exitReasonEnc} is null or ${t.endOn} is not null`),
  ],
);

/** Who did what to which record, and when: ids only, never personal data (art. 13, GDPR art. 33). */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    keyId: text('key_id'),
    /** The operation asked (`getStay`, …), or the route when none matched. */
    operation: text('operation'),
    action: text('action').notNull(),
    resource: text('resource').notNull(),
    /** Pseudonymous ids, comma-separated when a search returned several. */
    resourceId: text('resource_id'),
    /** `ok`, or the refusal's HTTP status (`401`, `403`, `404`, `409`, `422`, `429`). */
    outcome: text('outcome').notNull().default('ok'),
  },
  (t) => [index('audit_events_key_at').on(t.keyId, t.at), index('audit_events_resource').on(t.resourceId)],
);

/**
 * POSTs sent with an `Idempotency-Key`: the first answer, replayed to a retry for 24 h. The answer may
 * hold personal data (an application's advice, a new key), so it is encrypted like any personal field.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    keyId: text('key_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** Keyed HMAC of the method, the path and the body (which may hold personal data): same key, other request → 409. */
    requestHash: text('request_hash').notNull(),
    /** Which claim is being answered: only its own request may fill it in. */
    claimToken: text('claim_token'),
    /** The young person the answer is about (pseudonymous id): an erasure removes the answer too. */
    subjectId: text('subject_id'),
    /** Null while the first request is being answered. */
    status: integer('status'),
    responseEnc: text('response_enc'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.keyId, t.idempotencyKey] }),
    index('idempotency_keys_created_at').on(t.createdAt),
    index('idempotency_keys_subject').on(t.subjectId),
  ],
);

/** Values the store needs to keep about itself (the data key's check value). */
export const settings = pgTable('settings', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
});
