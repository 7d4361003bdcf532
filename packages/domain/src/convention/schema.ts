import { z } from 'zod';
import { IsoDateSchema } from '../calendar.ts';
import { AmountCentsSchema, CentsSchema } from '../money.ts';
import { nullable } from '../nullable.ts';

/** Where a figure or a duty comes from: "art. 11", "délibération art. 3", "rapport n°41". */
export const ArticleRefSchema = z.string().min(1).meta({ id: 'ArticleRef' });

export const SirenSchema = z
  .string()
  .regex(/^\d{9}$/, 'must be 9 digits, without spaces')
  .meta({ id: 'Siren' });

export const PostalAddressSchema = z
  .object({
    street: z.string().min(1),
    postalCode: z.string().regex(/^\d{5}$/, 'must be a 5-digit French postal code'),
    city: z.string().min(1),
  })
  .strict()
  .meta({ id: 'PostalAddress' });

export const PartyRoleSchema = z.enum(['funder', 'operator', 'partner', 'controller']);

export const PartySchema = z
  .object({
    id: z.string().min(1),
    role: PartyRoleSchema,
    name: z.string().min(1),
    kind: z.enum(['collectivite', 'association', 'service']),
    /** null where the text does not give it (the association's SIREN is not in the convention). */
    siren: nullable(SirenSchema),
    address: nullable(PostalAddressSchema),
    representedBy: z.string().min(1).nullable(),
    /** Whether this party signs the convention (payment needs every signature, art. 10). */
    signatory: z.boolean(),
    articles: z.array(ArticleRefSchema).min(1),
  })
  .strict()
  .meta({ id: 'Party' });

export const DeliberationSchema = z
  .object({
    number: z.string().min(1),
    date: IsoDateSchema,
    body: z.string().min(1),
    committeeOpinion: z.object({ committee: z.string(), date: IsoDateSchema }).strict(),
    report: z.string().min(1),
    vote: z
      .object({
        for: z.number().int().nonnegative(),
        against: z.number().int().nonnegative(),
        abstention: z.number().int().nonnegative(),
        absentWithoutProxy: z.number().int().nonnegative(),
        /** Members named as present, excused and absent in the minutes. */
        membersPresent: z.number().int().nonnegative(),
        membersExcused: z.number().int().nonnegative(),
        membersAbsent: z.number().int().nonnegative(),
        /** Present members who declared an interest and took part neither in the debate nor the vote. */
        notVotingInterested: z.number().int().nonnegative(),
        adopted: z.boolean(),
      })
      .strict(),
  })
  .strict()
  .meta({ id: 'Deliberation' });

export const PeriodSchema = z
  .object({ start: IsoDateSchema, end: IsoDateSchema })
  .strict()
  .refine((p) => p.start <= p.end, { message: 'start must not be after end', path: ['end'] })
  .meta({
    id: 'Period',
    description:
      'Both dates included. end must not be before start: the API checks it, JSON Schema cannot compare two dates.',
  });

/**
 * How an annual amount is prorated over part of a year. `months`: each whole calendar month is
 * 1/12 and a partial month counts its days over the days of that month (this is how the convention
 * turns 132 000 € from 1 April into 99 000 €); `days`: days over the days of the year.
 */
export const ProrationBasisSchema = z.enum(['months', 'days']).meta({ id: 'ProrationBasis' });

export const FundingComponentSchema = z
  .object({
    id: z.string().min(1),
    label: z.string().min(1),
    annualAmountCents: AmountCentsSchema,
    /** First day the component is funded (the Tremplins duo extension is authorised from 2022-04-01). */
    startsOn: IsoDateSchema.meta({
      description:
        "First day funded; within the convention's period (checked by the API on the Convention, not by JSON Schema).",
    }),
    /** Amount the text itself declares for the convention's period, checked against the proration. */
    declaredAmountCents: AmountCentsSchema,
    articles: z.array(ArticleRefSchema).min(1),
  })
  .strict()
  .meta({ id: 'FundingComponent' });

export const FundingSchema = z
  .object({
    totalCents: AmountCentsSchema,
    prorationBasis: ProrationBasisSchema,
    components: z.array(FundingComponentSchema).min(1),
    referenceBudgetCents: AmountCentsSchema,
    articles: z.array(ArticleRefSchema).min(1),
  })
  .strict()
  .meta({ id: 'Funding' });

export const BudgetLineSchema = z
  .object({
    operationCode: z.string().min(1),
    imputation: z.string().min(1),
    label: z.string().min(1),
    programme: z.string().min(1),
    subProgramme: z.string().min(1),
    creditsCents: AmountCentsSchema,
    proposedCents: AmountCentsSchema,
    balanceCents: CentsSchema,
    articles: z.array(ArticleRefSchema).min(1),
  })
  .strict()
  .meta({ id: 'BudgetLine' });

export const PaymentTermsSchema = z
  .object({
    instalments: z.number().int().positive(),
    dueAt: z.literal('signature_by_all_parties'),
    requiresBankDetails: z.boolean(),
    conditionalOnArticles: z.array(ArticleRefSchema),
    payer: z.string().min(1),
    articles: z.array(ArticleRefSchema).min(1),
  })
  .strict()
  .meta({ id: 'PaymentTerms' });

export const PlaceCategorySchema = z.enum(['minor', 'adult']).meta({ id: 'PlaceCategory' });

export const CapacityStepSchema = z
  .object({
    from: IsoDateSchema,
    /** Included; null when the step lasts to the end of the convention. */
    to: nullable(IsoDateSchema),
    total: z
      .number()
      .int()
      .nonnegative()
      .meta({ description: 'adults + minors (checked by the API, not by JSON Schema).' }),
    adults: z.number().int().nonnegative(),
    minors: z.number().int().nonnegative(),
    articles: z.array(ArticleRefSchema).min(1),
  })
  .strict()
  .meta({ id: 'CapacityStep' });

/** What counts as one day of care ("journée de prise en charge"). */
export const DayCountingSchema = z.enum(['nights', 'calendarDays']).meta({
  id: 'DayCounting',
  description:
    'nights: one day per night spent (entry day counts, exit day does not); calendarDays: entry and exit days both count.',
});

export const ActivityTargetSchema = z
  .object({
    rate: z.number().gt(0).lte(1),
    days: z.number().int().positive(),
    dayCounting: DayCountingSchema,
    shortfall: z.literal('negotiated_readjustment'),
    articles: z.array(ArticleRefSchema).min(1),
  })
  .strict()
  .meta({ id: 'ActivityTarget' });

export const DurationSchema = z
  .object({ months: z.number().int().nonnegative(), days: z.number().int().nonnegative() })
  .strict()
  .meta({ id: 'Duration' });

export const StayRuleSchema = z
  .object({
    category: PlaceCategorySchema,
    ageFrom: z.number().int(),
    /** Excluded: a minor place is for 16 ≤ age < 18. */
    ageUntil: z.number().int(),
    initial: DurationSchema,
    /** Minors: 6 weeks, tacitly extended to 3 months counted from entry; null when there is none. */
    tacitExtensionTo: nullable(DurationSchema),
    renewal: DurationSchema,
    maxRenewals: z.number().int().nonnegative(),
    /** `chained`: a renewal runs from the end of the current period; `anchored`: counted from entry. */
    renewalCounting: z.enum(['chained', 'anchored']),
    articles: z.array(ArticleRefSchema).min(1),
  })
  .strict()
  .meta({ id: 'StayRule' });

export const ReportingDutySchema = z
  .object({
    documents: z.array(z.string().min(1)).min(1),
    dueMonth: z.number().int().min(1).max(12),
    dueDay: z.number().int().min(1).max(31),
    /** Due in the year after the financial year it reports on. */
    yearOffset: z.number().int(),
    transmission: z.string().min(1),
    articles: z.array(ArticleRefSchema).min(1),
  })
  .strict()
  .meta({ id: 'ReportingDuty' });

export const TerminationSchema = z
  .object({
    noticeMonths: z.number().int().positive(),
    counting: z.literal('de_quantieme_a_quantieme'),
    receiptDayCounts: z.boolean(),
    extendable: z.boolean(),
    byWhom: z.literal('funder'),
    hearingBeforehand: z.boolean(),
    articles: z.array(ArticleRefSchema).min(1),
  })
  .strict()
  .meta({ id: 'Termination' });

export const PersonalDataFieldSchema = z
  .enum(['lastName', 'firstName', 'postalAddress', 'phone', 'cafNumber'])
  .meta({ id: 'PersonalDataField' });

export const DataProtectionSchema = z
  .object({
    controller: z.string().min(1),
    processor: z.string().min(1),
    purpose: z.string().min(1),
    fields: z.array(PersonalDataFieldSchema).min(1),
    dataSubjects: z.string().min(1),
    measures: z.array(z.enum(['pseudonymisation', 'encryption', 'resilience', 'restore', 'regular_testing'])),
    breachNoticeHours: z.number().int().positive(),
    contactEmail: z.email(),
    subProcessingAllowed: z.boolean(),
    atEnd: z.literal('destroy_with_written_proof'),
    automatedDecisionForbidden: z.boolean(),
    articles: z.array(ArticleRefSchema).min(1),
  })
  .strict()
  .meta({ id: 'DataProtection' });

export const ReimbursementTriggerSchema = z
  .object({
    id: z.string().min(1),
    kind: z.enum(['total', 'partial']),
    label: z.string().min(1),
    articles: z.array(ArticleRefSchema).min(1),
  })
  .strict()
  .meta({ id: 'ReimbursementTrigger' });

export const ConventionSchema = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    programme: z.string().min(1),
    deliberation: DeliberationSchema,
    parties: z.array(PartySchema).min(2),
    period: PeriodSchema,
    /** Art. 1 also speaks of a project "pour une durée de 15 ans"; the convention itself covers `period`. */
    projectDurationYears: z.number().int().positive().nullable(),
    funding: FundingSchema,
    budgetLine: BudgetLineSchema,
    payment: PaymentTermsSchema,
    capacity: z.array(CapacityStepSchema).min(1),
    apartments: z
      .object({ count: z.number().int().positive(), communes: z.array(z.string().regex(/^\d{5}$/)).min(1) })
      .strict(),
    activityTarget: ActivityTargetSchema,
    stayRules: z.array(StayRuleSchema).min(1),
    reporting: ReportingDutySchema,
    termination: TerminationSchema,
    dataProtection: DataProtectionSchema,
    reimbursementTriggers: z.array(ReimbursementTriggerSchema).min(1),
    disputeCourt: z.string().min(1),
  })
  .strict()
  .superRefine((c, ctx) => {
    c.capacity.forEach((step, i) => {
      if (step.adults + step.minors !== step.total) {
        ctx.addIssue({
          code: 'custom',
          path: ['capacity', i, 'total'],
          message: 'must equal adults + minors',
        });
      }
    });
    c.funding.components.forEach((component, i) => {
      if (component.startsOn < c.period.start || component.startsOn > c.period.end) {
        ctx.addIssue({
          code: 'custom',
          path: ['funding', 'components', i, 'startsOn'],
          message: 'must fall within the convention period',
        });
      }
    });
  })
  .meta({
    id: 'Convention',
    description:
      'Cross-field rules the API applies and JSON Schema cannot state: period.end is not before period.start; each capacity step has total = adults + minors; each funding component starts within the period (period.start ≤ startsOn ≤ period.end).',
  });

export type ArticleRef = z.infer<typeof ArticleRefSchema>;
export type PostalAddress = z.infer<typeof PostalAddressSchema>;
export type Party = z.infer<typeof PartySchema>;
export type Deliberation = z.infer<typeof DeliberationSchema>;
export type Period = z.infer<typeof PeriodSchema>;
export type ProrationBasis = z.infer<typeof ProrationBasisSchema>;
export type FundingComponent = z.infer<typeof FundingComponentSchema>;
export type Funding = z.infer<typeof FundingSchema>;
export type BudgetLine = z.infer<typeof BudgetLineSchema>;
export type PaymentTerms = z.infer<typeof PaymentTermsSchema>;
export type PlaceCategory = z.infer<typeof PlaceCategorySchema>;
export type CapacityStep = z.infer<typeof CapacityStepSchema>;
export type DayCounting = z.infer<typeof DayCountingSchema>;
export type ActivityTarget = z.infer<typeof ActivityTargetSchema>;
export type Duration = z.infer<typeof DurationSchema>;
export type StayRule = z.infer<typeof StayRuleSchema>;
export type ReportingDuty = z.infer<typeof ReportingDutySchema>;
export type Termination = z.infer<typeof TerminationSchema>;
export type PersonalDataField = z.infer<typeof PersonalDataFieldSchema>;
export type DataProtection = z.infer<typeof DataProtectionSchema>;
export type ReimbursementTrigger = z.infer<typeof ReimbursementTriggerSchema>;
export type Convention = z.infer<typeof ConventionSchema>;
