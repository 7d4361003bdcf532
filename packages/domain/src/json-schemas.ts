import { z } from 'zod';
import { ApplicationSchema, CommissionDecisionSchema } from './application/application.ts';
import { BeneficiarySchema, EligibilityFactsSchema, PersonalDataSchema } from './beneficiary/beneficiary.ts';
import { CommuneSchema } from './commune/index.ts';
import { ConventionSchema } from './convention/schema.ts';
import { ApartmentSchema, PlaceSchema } from './place/place.ts';
import { StaySchema } from './stay/stay.ts';

/** The schemas partner systems that are not in TypeScript receive as JSON Schema (draft 2020-12). */
export const publicSchemas = {
  Convention: ConventionSchema,
  Commune: CommuneSchema,
  Apartment: ApartmentSchema,
  Place: PlaceSchema,
  EligibilityFacts: EligibilityFactsSchema,
  Beneficiary: BeneficiarySchema,
  PersonalData: PersonalDataSchema,
  Application: ApplicationSchema,
  CommissionDecision: CommissionDecisionSchema,
  Stay: StaySchema,
} as const;

/** JSON Schema of each public schema, keyed by name; what `npm run schemas` writes to `schemas/`. */
export function exportJsonSchemas(): Record<keyof typeof publicSchemas, Record<string, unknown>> {
  const out = {} as Record<keyof typeof publicSchemas, Record<string, unknown>>;
  for (const [name, schema] of Object.entries(publicSchemas) as [keyof typeof publicSchemas, z.ZodType][]) {
    out[name] = {
      $id: `${name}.json`,
      ...z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }),
    };
  }
  return out;
}
