import { EligibilityFactsSchema } from '@tremplins/domain';
import type { EligibilityRequest } from '@tremplins/rules';
import type { z } from 'zod';

/**
 * What a person has answered so far, in the rules' own field names. Every answer may be missing:
 * "je ne sais pas" is no answer, never `false`. The commune is kept as its INSEE code once resolved.
 */
export const AnswersSchema = EligibilityFactsSchema.partial();
export type Answers = z.output<typeof AnswersSchema>;
export type AnswerField = keyof Answers;

/** Fields the rules cannot run without (EligibilityFactsSchema requires them). */
export const REQUIRED_FIELDS = ['birthDate', 'commune', 'aseStatus', 'inInsertionPath'] as const;

/** How each request field is named to staff, e.g. in « Réponses manquantes ». */
export const FIELD_LABELS: Readonly<Record<AnswerField, string>> = {
  birthDate: 'date de naissance',
  commune: 'commune d’origine',
  aseStatus: 'situation à l’ASE',
  youngAdultContract: 'contrat jeune majeur',
  inInsertionPath: 'parcours d’insertion ou de formation',
  hasResources: 'ressources',
  familyRupture: 'rupture familiale',
  needsSupport: 'besoin d’un soutien éducatif ou matériel',
  unaccompaniedMinor: 'mineur non accompagné (MNA)',
  orientedBy: 'orientation',
  previousPlacement: 'lieu de vie précédent',
};

export function fieldLabel(field: string): string {
  return (FIELD_LABELS as Record<string, string>)[field] ?? field;
}

/** Required fields still unanswered, in form order. */
export function missingRequired(answers: Answers): AnswerField[] {
  return REQUIRED_FIELDS.filter((field) => answers[field] === undefined);
}

/**
 * The request for `evaluateEligibility`, or null while a required answer is missing. Unknown optional
 * answers are left out, so the rules report them as missing facts.
 */
export function toEligibilityRequest(answers: Answers, referenceDate: string): EligibilityRequest | null {
  const { birthDate, commune, aseStatus, inInsertionPath, ...optional } = answers;
  if (birthDate === undefined || commune === undefined || aseStatus === undefined) return null;
  if (inInsertionPath === undefined) return null;
  const request: EligibilityRequest = { birthDate, commune, aseStatus, inInsertionPath, referenceDate };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(request, { [key]: value });
  }
  return request;
}
