import type { types } from '@slack/bolt';
import { type Commune, findCommuneByInseeCode, resolveCommune } from '@tremplins/domain';
import type { Answers } from '../eligibility/answers.ts';
import { LIMITS } from './limits.ts';

/** The eligibility form (modal). Block ids are the contract with {@link readEligibilityForm}. */
export const ELIGIBILITY_CALLBACK_ID = 'eligibility_form';

export const FORM_BLOCKS = {
  birthDate: 'birth_date',
  communeCahc: 'commune_cahc',
  communeOther: 'commune_other',
  aseStatus: 'ase_status',
  youngAdultContract: 'young_adult_contract',
  inInsertionPath: 'insertion_path',
  hasResources: 'resources',
  familyRupture: 'family_rupture',
  needsSupport: 'needs_support',
  orientedBy: 'oriented_by',
  previousPlacement: 'previous_placement',
} as const;

export type FormBlockId = (typeof FORM_BLOCKS)[keyof typeof FORM_BLOCKS];

/** Each input's action_id: unique in the view, derived from its block. */
export function actionIdOf(block: FormBlockId): string {
  return `${block}_value`;
}

export const UNKNOWN = 'unknown';
export const OTHER_COMMUNE = 'other';

/** Where the answer goes: the conversation of the command and its response_url. No personal data. */
export interface ModalMetadata {
  channel?: string;
  responseUrl?: string;
}

export const ASE_OPTIONS = [
  { value: 'in_care', text: 'Pris en charge par l’ASE actuellement' },
  { value: 'former', text: 'Pris en charge par l’ASE auparavant' },
  { value: 'none', text: 'Jamais pris en charge par l’ASE' },
] as const;

export const ORIENTATION_OPTIONS = [
  { value: 'mds_henin_carvin', text: 'MDS d’Hénin-Carvin' },
  { value: 'other_mds', text: 'Une autre MDS' },
  { value: 'mecs', text: 'Une MECS' },
  { value: 'def', text: 'La DEF (Département)' },
  { value: 'cllaj', text: 'Un CLLAJ' },
  { value: 'mission_locale', text: 'La mission locale' },
  { value: 'other', text: 'Un autre service' },
  { value: UNKNOWN, text: 'Je ne sais pas' },
] as const;

export const PLACEMENT_OPTIONS = [
  { value: 'foster_family', text: 'Chez un assistant familial' },
  { value: 'children_home', text: 'En maison d’enfants (MECS)' },
  { value: 'family', text: 'Dans sa famille' },
  { value: 'other', text: 'Ailleurs' },
  { value: UNKNOWN, text: 'Je ne sais pas' },
] as const;

const YES_NO = [
  { value: 'yes', text: 'Oui' },
  { value: 'no', text: 'Non' },
] as const;
const YES_NO_UNKNOWN = [...YES_NO, { value: UNKNOWN, text: 'Je ne sais pas' }] as const;

interface Choice {
  value: string;
  text: string;
}

function option(choice: Choice): types.PlainTextOption {
  return { text: { type: 'plain_text', text: choice.text }, value: choice.value };
}

function initial(choices: readonly Choice[], value: string | undefined): types.PlainTextOption | undefined {
  const found = choices.find((c) => c.value === value);
  return found ? option(found) : undefined;
}

function yesNo(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : value ? 'yes' : 'no';
}

function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text };
}

function radio(
  block: FormBlockId,
  label: string,
  choices: readonly Choice[],
  selected: string | undefined,
  hint?: string,
): types.InputBlock {
  const initialOption = initial(choices, selected);
  return {
    type: 'input',
    block_id: block,
    label: plain(label),
    ...(hint ? { hint: plain(hint) } : {}),
    element: {
      type: 'radio_buttons',
      action_id: actionIdOf(block),
      options: choices.map(option),
      ...(initialOption ? { initial_option: initialOption } : {}),
    },
  };
}

function select(
  block: FormBlockId,
  label: string,
  choices: readonly Choice[],
  selected: string | undefined,
  options: { hint?: string; optional?: boolean; placeholder: string },
): types.InputBlock {
  const initialOption = initial(choices, selected);
  return {
    type: 'input',
    block_id: block,
    label: plain(label),
    optional: options.optional ?? false,
    ...(options.hint ? { hint: plain(options.hint) } : {}),
    element: {
      type: 'static_select',
      action_id: actionIdOf(block),
      placeholder: plain(options.placeholder),
      options: choices.map(option),
      ...(initialOption ? { initial_option: initialOption } : {}),
    },
  };
}

/** How a commune pre-fills the form: a CAHC commune selects it, any other is written out. */
function communeDefaults(inseeCode: string | undefined, cahc: readonly Commune[]) {
  if (inseeCode === undefined) return { selected: undefined, other: undefined };
  if (cahc.some((c) => c.inseeCode === inseeCode)) return { selected: inseeCode, other: undefined };
  const commune = findCommuneByInseeCode(inseeCode);
  let other = inseeCode;
  try {
    // The name when it leads back to this very commune, else the unambiguous INSEE code.
    if (commune && resolveCommune(commune.name).inseeCode === inseeCode) other = commune.name;
  } catch {
    // an ambiguous name: keep the code
  }
  return { selected: OTHER_COMMUNE, other };
}

export interface EligibilityModalInput {
  /** Answers to pre-fill, e.g. from « Compléter ». */
  answers?: Answers;
  metadata: ModalMetadata;
  /** The 14 CAHC communes, listed first (`cahcCommunes()` from the domain). */
  cahc: readonly Commune[];
}

/**
 * The form: only facts the rules read, never a name, an address, a phone or a CAF number. Optional
 * answers default to « Je ne sais pas », which leaves the fact unknown for the rules.
 */
export function eligibilityModal({ answers = {}, metadata, cahc }: EligibilityModalInput): types.ModalView {
  const privateMetadata = JSON.stringify(metadata);
  if (privateMetadata.length > LIMITS.privateMetadata) throw new Error('private_metadata too long');
  const commune = communeDefaults(answers.commune, cahc);
  const communeChoices: Choice[] = [
    ...cahc.map((c) => ({ value: c.inseeCode, text: c.name })),
    { value: OTHER_COMMUNE, text: 'Autre commune (à préciser ci-dessous)' },
  ];
  const blocks: types.KnownBlock[] = [
    {
      type: 'context',
      block_id: 'privacy',
      elements: [
        {
          type: 'mrkdwn',
          text:
            'Aucun nom, adresse, téléphone ni numéro CAF n’est demandé. Avis consultatif : ' +
            'la commission d’admission décide (art. 6).',
        },
      ],
    },
    {
      type: 'input',
      block_id: FORM_BLOCKS.birthDate,
      label: plain('Date de naissance'),
      hint: plain('L’âge et la catégorie de place (mineur 16–17 ans, majeur 18–20 ans) en découlent.'),
      element: {
        type: 'datepicker',
        action_id: actionIdOf(FORM_BLOCKS.birthDate),
        placeholder: plain('Choisir une date'),
        ...(answers.birthDate ? { initial_date: answers.birthDate } : {}),
      },
    },
    select(FORM_BLOCKS.communeCahc, 'Commune d’origine', communeChoices, commune.selected, {
      optional: true,
      placeholder: 'Une commune de la CAHC',
      hint: 'Les 14 communes de la CAHC ; sinon « Autre commune » et le champ suivant.',
    }),
    {
      type: 'input',
      block_id: FORM_BLOCKS.communeOther,
      optional: true,
      label: plain('Autre commune (nom ou code INSEE)'),
      hint: plain(
        'Pas de code postal : 62590 est le code postal d’Oignies et le code INSEE d’une autre commune.',
      ),
      element: {
        type: 'plain_text_input',
        action_id: actionIdOf(FORM_BLOCKS.communeOther),
        max_length: 100,
        placeholder: plain('ex. Arras ou 62041'),
        ...(commune.other ? { initial_value: commune.other } : {}),
      },
    },
    radio(FORM_BLOCKS.aseStatus, 'Situation à l’ASE', ASE_OPTIONS, answers.aseStatus),
    radio(
      FORM_BLOCKS.inInsertionPath,
      'Parcours d’insertion et/ou de formation',
      YES_NO,
      yesNo(answers.inInsertionPath),
      'Condition pour tous (art. 6).',
    ),
    radio(
      FORM_BLOCKS.hasResources,
      'Ressources',
      YES_NO_UNKNOWN,
      yesNo(answers.hasResources) ?? UNKNOWN,
      'Condition pour un majeur ; un contrat jeune majeur compte comme ressource (art. 6).',
    ),
    radio(
      FORM_BLOCKS.youngAdultContract,
      'Contrat jeune majeur',
      YES_NO_UNKNOWN,
      yesNo(answers.youngAdultContract) ?? UNKNOWN,
    ),
    radio(
      FORM_BLOCKS.familyRupture,
      'Rupture familiale',
      YES_NO_UNKNOWN,
      yesNo(answers.familyRupture) ?? UNKNOWN,
      'Condition pour un majeur jamais pris en charge par l’ASE (art. 1).',
    ),
    radio(
      FORM_BLOCKS.needsSupport,
      'Besoin d’un soutien éducatif et/ou matériel',
      YES_NO_UNKNOWN,
      yesNo(answers.needsSupport) ?? UNKNOWN,
      'Condition pour un majeur jamais pris en charge par l’ASE (art. 1).',
    ),
    select(FORM_BLOCKS.orientedBy, 'Orienté par', ORIENTATION_OPTIONS, answers.orientedBy ?? UNKNOWN, {
      placeholder: 'Service qui oriente',
      hint: 'Priorité : orientation par la MDS d’Hénin-Carvin (art. 5, objectif 2.1).',
    }),
    select(
      FORM_BLOCKS.previousPlacement,
      'Lieu de vie précédent',
      PLACEMENT_OPTIONS,
      answers.previousPlacement ?? UNKNOWN,
      {
        placeholder: 'Lieu de vie',
        hint: 'Priorité pour un mineur accueilli avant chez un assistant familial ou en maison d’enfants (art. 4).',
      },
    ),
  ];
  return {
    type: 'modal',
    callback_id: ELIGIBILITY_CALLBACK_ID,
    title: plain('Éligibilité Tremplins'),
    submit: plain('Évaluer'),
    close: plain('Annuler'),
    private_metadata: privateMetadata,
    blocks,
  };
}
