import { z } from 'zod';
import { IsoDateSchema } from '../calendar.ts';
import { trimmedText } from '../text.ts';

export const AseStatusSchema = z.enum(['none', 'in_care', 'former']).meta({
  id: 'AseStatus',
  description: 'Never in ASE care, in ASE care now, or in ASE care before (as a minor).',
});

export const PreviousPlacementSchema = z
  .enum(['foster_family', 'children_home', 'family', 'other'])
  .meta({ id: 'PreviousPlacement' });

/** Who referred the young person; the activity report lists these sources. */
export const OrientationSchema = z
  .enum(['mds_henin_carvin', 'other_mds', 'mecs', 'def', 'cllaj', 'mission_locale', 'other'])
  .meta({ id: 'Orientation' });

/**
 * The facts eligibility is decided on (art. 1, 4, 6). Nationality is never one of them (art. 1:
 * "sans condition de nationalité"), so the schema has no field for it and refuses one.
 * Optional facts that are absent are unknown, never false: the rules list them as missing.
 */
export const EligibilityFactsSchema = z
  .object({
    birthDate: IsoDateSchema,
    /** An INSEE code or a commune name (any case, accents optional). */
    commune: trimmedText(z.string().trim().min(1, 'must name a commune (INSEE code or name)')),
    aseStatus: AseStatusSchema,
    youngAdultContract: z.boolean().optional(),
    inInsertionPath: z.boolean(),
    hasResources: z.boolean().optional(),
    familyRupture: z.boolean().optional(),
    needsSupport: z.boolean().optional(),
    unaccompaniedMinor: z.boolean().optional(),
    orientedBy: OrientationSchema.optional(),
    previousPlacement: PreviousPlacementSchema.optional(),
  })
  .strict()
  .meta({ id: 'EligibilityFacts' });

/** A birth date may be uncertain (common for unaccompanied minors); such records are kept, flagged. */
export const BirthDateCertaintySchema = z
  .enum(['exact', 'year_only', 'conventional', 'disputed'])
  .meta({ id: 'BirthDateCertainty' });

/** A beneficiary as the system handles it: a pseudonymous id and facts, never a name. */
export const BeneficiarySchema = z
  .object({
    id: z.string().min(1),
    facts: EligibilityFactsSchema,
    birthDateCertainty: BirthDateCertaintySchema.default('exact'),
  })
  .strict()
  .meta({ id: 'Beneficiary' });

/**
 * The only personal data art. 13 lets the association process. Kept apart from Beneficiary so that
 * it is stored encrypted, separately, and never travels with the facts.
 */
export const PersonalDataSchema = z
  .object({
    lastName: trimmedText(z.string().trim().min(1).max(200)),
    firstName: trimmedText(z.string().trim().min(1).max(200)),
    postalAddress: trimmedText(z.string().trim().min(1).max(500)),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 .()-]{6,20}$/, 'must be a phone number'),
    cafNumber: z
      .string()
      .trim()
      .regex(/^\d{4,10}[A-Z]?$/, 'must be a CAF allocataire number (digits, optionally a final letter)'),
  })
  .strict()
  .meta({ id: 'PersonalData' });

export type AseStatus = z.infer<typeof AseStatusSchema>;
export type PreviousPlacement = z.infer<typeof PreviousPlacementSchema>;
export type Orientation = z.infer<typeof OrientationSchema>;
export type EligibilityFacts = z.infer<typeof EligibilityFactsSchema>;
export type BirthDateCertainty = z.infer<typeof BirthDateCertaintySchema>;
export type Beneficiary = z.infer<typeof BeneficiarySchema>;
export type PersonalData = z.infer<typeof PersonalDataSchema>;
