import type { ViewStateValue } from '@slack/bolt';
import { type Commune, compareDates, isIsoDate } from '@tremplins/domain';
import {
  ASE_OPTIONS,
  actionIdOf,
  FORM_BLOCKS,
  type FormBlockId,
  type ModalMetadata,
  ORIENTATION_OPTIONS,
  OTHER_COMMUNE,
  PLACEMENT_OPTIONS,
  UNKNOWN,
} from '../blocks/eligibility-modal.ts';
import type { Answers } from './answers.ts';
import { readCommune } from './commune-input.ts';

export type FormValues = Record<string, Record<string, ViewStateValue>>;

export type FormReading =
  | { ok: true; answers: Answers; commune: Commune }
  | {
      ok: false;
      /** block_id → French message, for `response_action: 'errors'`. */
      errors: Record<string, string>;
    };

function stateOf(values: FormValues, block: FormBlockId): ViewStateValue | undefined {
  return values[block]?.[actionIdOf(block)];
}

function selected(values: FormValues, block: FormBlockId): string | undefined {
  return stateOf(values, block)?.selected_option?.value ?? undefined;
}

function oneOf<T extends string>(
  choices: readonly { value: T }[],
  value: string | undefined,
): Exclude<T, typeof UNKNOWN> | undefined {
  if (value === UNKNOWN) return undefined;
  return choices.find((c) => c.value === value)?.value as Exclude<T, typeof UNKNOWN> | undefined;
}

function triState(value: string | undefined): boolean | undefined {
  return value === 'yes' ? true : value === 'no' ? false : undefined;
}

/**
 * Reads a submitted eligibility form. Every field at fault is named by its block, with a French
 * message (Slack shows it under the field). `today` refuses a birth date in the future.
 */
export function readEligibilityForm(values: FormValues, today: string): FormReading {
  const errors: Record<string, string> = {};
  const answers: Answers = {};

  const birthDate = stateOf(values, FORM_BLOCKS.birthDate)?.selected_date ?? undefined;
  if (!birthDate || !isIsoDate(birthDate)) errors[FORM_BLOCKS.birthDate] = 'Choisissez la date de naissance.';
  else if (compareDates(birthDate, today) > 0)
    errors[FORM_BLOCKS.birthDate] = 'Cette date est dans le futur.';
  else answers.birthDate = birthDate;

  const listed = selected(values, FORM_BLOCKS.communeCahc);
  const typed = stateOf(values, FORM_BLOCKS.communeOther)?.value?.trim() ?? '';
  let commune: Commune | undefined;
  if (listed && listed !== OTHER_COMMUNE) {
    if (typed !== '') {
      errors[FORM_BLOCKS.communeOther] =
        'Une commune est déjà choisie dans la liste : videz ce champ, ou choisissez « Autre commune ».';
    } else {
      const reading = readCommune(listed);
      if (reading.ok) commune = reading.commune;
      else errors[FORM_BLOCKS.communeCahc] = reading.message;
    }
  } else if (typed === '') {
    const block = listed === OTHER_COMMUNE ? FORM_BLOCKS.communeOther : FORM_BLOCKS.communeCahc;
    errors[block] =
      'Choisissez une commune de la CAHC, ou écrivez la commune d’origine dans « Autre commune ».';
  } else {
    const reading = readCommune(typed);
    if (reading.ok) commune = reading.commune;
    else errors[FORM_BLOCKS.communeOther] = reading.message;
  }
  if (commune) answers.commune = commune.inseeCode;

  const ase = oneOf(ASE_OPTIONS, selected(values, FORM_BLOCKS.aseStatus));
  if (ase) answers.aseStatus = ase;
  else errors[FORM_BLOCKS.aseStatus] = 'Choisissez la situation à l’ASE.';

  const insertion = triState(selected(values, FORM_BLOCKS.inInsertionPath));
  if (insertion === undefined) errors[FORM_BLOCKS.inInsertionPath] = 'Répondez oui ou non.';
  else answers.inInsertionPath = insertion;

  const optionalFacts = [
    ['hasResources', FORM_BLOCKS.hasResources],
    ['youngAdultContract', FORM_BLOCKS.youngAdultContract],
    ['familyRupture', FORM_BLOCKS.familyRupture],
    ['needsSupport', FORM_BLOCKS.needsSupport],
  ] as const;
  for (const [field, block] of optionalFacts) {
    const value = triState(selected(values, block));
    if (value !== undefined) answers[field] = value;
  }
  const orientedBy = oneOf(ORIENTATION_OPTIONS, selected(values, FORM_BLOCKS.orientedBy));
  if (orientedBy) answers.orientedBy = orientedBy;
  const previousPlacement = oneOf(PLACEMENT_OPTIONS, selected(values, FORM_BLOCKS.previousPlacement));
  if (previousPlacement) answers.previousPlacement = previousPlacement;

  if (Object.keys(errors).length > 0 || !commune) return { ok: false, errors };
  return { ok: true, answers, commune };
}

/** The modal's private_metadata, read back; anything unexpected is dropped. */
export function readModalMetadata(raw: string | undefined): ModalMetadata {
  try {
    const parsed = JSON.parse(raw ?? '{}') as Record<string, unknown>;
    const metadata: ModalMetadata = {};
    if (typeof parsed.channel === 'string') metadata.channel = parsed.channel;
    if (typeof parsed.responseUrl === 'string' && /^https?:\/\//.test(parsed.responseUrl)) {
      metadata.responseUrl = parsed.responseUrl;
    }
    return metadata;
  } catch {
    return {};
  }
}
