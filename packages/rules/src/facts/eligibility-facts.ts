import { ageAt, isInCahc, resolveCommune } from '@tremplins/domain';
import type { z } from 'zod';
import type { EligibilityRequestSchema } from '../eligibility-schema.ts';
import type { Facts } from '../evaluate.ts';
import type { RuleSetManifest } from '../rule-schema.ts';

/** The request once validated, with its reference date filled in. */
export type ValidatedRequest = z.output<typeof EligibilityRequestSchema> & { referenceDate: string };

/** Computed facts, and the request field each one is computed from (for `missingFacts`). */
export const COMPUTED_FROM: Readonly<Record<string, string>> = {
  age: 'birthDate',
  category: 'birthDate',
  inCahc: 'commune',
};

/** The place category of an age under the rule set's age bands; `none` outside every band. */
export function categoryOf(manifest: RuleSetManifest, age: number): 'minor' | 'adult' | 'none' {
  const band = manifest.ageBands.find((b) => age >= b.ageFrom && age < b.ageUntil);
  return band ? band.category : 'none';
}

/**
 * Fact providers: what the rules read, computed once per case from the request and the domain.
 * Facts the request leaves out stay undefined, which the rules read as unknown.
 */
export function eligibilityFacts(manifest: RuleSetManifest, request: ValidatedRequest): Facts {
  const age = ageAt(request.birthDate, request.referenceDate, { leapDayBirthday: manifest.leapDayBirthday });
  return {
    ...request,
    age,
    category: categoryOf(manifest, age),
    inCahc: isInCahc(resolveCommune(request.commune)),
  };
}
