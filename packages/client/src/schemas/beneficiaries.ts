import {
  BirthDateCertaintySchema,
  EligibilityFactsSchema,
  PersonalDataSchema,
  trimmedText,
} from '@tremplins/domain';
import { z } from 'zod';

export const NewBeneficiarySchema = z
  .object({
    associationId: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'Required for department keys; an association key records its own' }),
    person: PersonalDataSchema,
    facts: EligibilityFactsSchema,
    birthDateCertainty: BirthDateCertaintySchema.default('exact'),
  })
  .strict()
  .meta({ id: 'NewBeneficiary' });

export const CreatedBeneficiarySchema = z.object({ id: z.string().meta({ description: 'Pseudonymous id' }) });

export const BeneficiaryRecordSchema = z
  .object({
    id: z.string(),
    associationId: z.string(),
    person: PersonalDataSchema,
    facts: EligibilityFactsSchema,
    birthDateCertainty: BirthDateCertaintySchema,
    createdAt: z.string(),
  })
  .meta({ id: 'BeneficiaryRecord' });

export const BeneficiaryListSchema = z.object({ beneficiaries: z.array(BeneficiaryRecordSchema) });

export const RectificationSchema = z
  .object({
    person: PersonalDataSchema.partial().optional(),
    facts: EligibilityFactsSchema.optional().meta({
      description: 'All the facts, replacing the stored ones',
    }),
    birthDateCertainty: BirthDateCertaintySchema.optional(),
  })
  .strict()
  .refine((r) => r.person !== undefined || r.facts !== undefined || r.birthDateCertainty !== undefined, {
    message: 'give at least one of person, facts, birthDateCertainty',
  })
  .meta({ id: 'Rectification' });

/** A CAF number as searched: in the query of `findBeneficiaries`, in the body of `searchBeneficiaries`. */
const CafNumber = trimmedText(z.string().trim().min(4).max(20));

export const CafQuery = z.object({ cafNumber: CafNumber });

export const CafSearchSchema = z.object({ cafNumber: CafNumber }).strict().meta({ id: 'CafSearch' });

export const ErasedBeneficiarySchema = z.object({ id: z.string(), erased: z.literal(true) });

export type NewBeneficiary = z.input<typeof NewBeneficiarySchema>;
export type CreatedBeneficiary = z.infer<typeof CreatedBeneficiarySchema>;
export type BeneficiaryRecord = z.infer<typeof BeneficiaryRecordSchema>;
export type BeneficiaryList = z.infer<typeof BeneficiaryListSchema>;
export type Rectification = z.infer<typeof RectificationSchema>;
export type CafSearch = z.infer<typeof CafSearchSchema>;
export type ErasedBeneficiary = z.infer<typeof ErasedBeneficiarySchema>;
