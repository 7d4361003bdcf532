// Reading the submitted eligibility modal: each field's error names its block, postal codes and
// ambiguous names are refused, « je ne sais pas » leaves the fact out, and a pre-filled modal
// submitted untouched reads back exactly the answers it was built from.
import type { types } from '@slack/bolt';
import { cahcCommunes } from '@tremplins/domain';
import { describe, expect, it } from 'vitest';
import { actionIdOf, eligibilityModal, FORM_BLOCKS, type FormBlockId } from '../blocks/eligibility-modal.ts';
import type { Answers } from './answers.ts';
import { type FormValues, readEligibilityForm, readModalMetadata } from './form.ts';

const TODAY = '2022-06-01';

const date = (value: string | null) => ({ type: 'datepicker', selected_date: value });
const choice = (value: string | null, type = 'radio_buttons') => ({
  type,
  selected_option: value === null ? null : { text: { type: 'plain_text', text: value }, value },
});
const text = (value: string | null) => ({ type: 'plain_text_input', value });

function values(overrides: Partial<Record<FormBlockId, Record<string, unknown>>> = {}): FormValues {
  const base: Record<FormBlockId, Record<string, unknown>> = {
    birth_date: date('2003-03-14'),
    commune_cahc: choice('62637', 'static_select'),
    commune_other: text(null),
    ase_status: choice('former'),
    insertion_path: choice('yes'),
    resources: choice('unknown'),
    young_adult_contract: choice('unknown'),
    family_rupture: choice('unknown'),
    needs_support: choice('unknown'),
    oriented_by: choice('unknown', 'static_select'),
    previous_placement: choice('unknown', 'static_select'),
  };
  const merged = { ...base, ...overrides };
  return Object.fromEntries(
    Object.entries(merged).map(([block, value]) => [block, { [actionIdOf(block as FormBlockId)]: value }]),
  ) as unknown as FormValues;
}

describe('readEligibilityForm', () => {
  it('reads a form with only the required answers; « je ne sais pas » is left out', () => {
    const reading = readEligibilityForm(values(), TODAY);
    expect(reading).toMatchObject({
      ok: true,
      answers: { birthDate: '2003-03-14', commune: '62637', aseStatus: 'former', inInsertionPath: true },
    });
    if (reading.ok) expect(Object.keys(reading.answers)).toHaveLength(4);
  });

  it('reads every optional answer', () => {
    const reading = readEligibilityForm(
      values({
        resources: choice('no'),
        young_adult_contract: choice('yes'),
        family_rupture: choice('yes'),
        needs_support: choice('no'),
        oriented_by: choice('mds_henin_carvin', 'static_select'),
        previous_placement: choice('children_home', 'static_select'),
      }),
      TODAY,
    );
    expect(reading.ok && reading.answers).toEqual({
      birthDate: '2003-03-14',
      commune: '62637',
      aseStatus: 'former',
      inInsertionPath: true,
      hasResources: false,
      youngAdultContract: true,
      familyRupture: true,
      needsSupport: false,
      orientedBy: 'mds_henin_carvin',
      previousPlacement: 'children_home',
    });
  });

  it.each([
    ['Arras', '62041'],
    ['62041', '62041'],
    ['  lille ', '59350'],
    ['Drocourt', '62277'],
  ])('reads « autre commune » %j as %s', (typed, inseeCode) => {
    const reading = readEligibilityForm(
      values({ commune_cahc: choice('other', 'static_select'), commune_other: text(typed) }),
      TODAY,
    );
    expect(reading.ok && reading.answers.commune).toBe(inseeCode);
  });

  it('reads « autre commune » when nothing is selected in the list', () => {
    const reading = readEligibilityForm(
      values({ commune_cahc: choice(null), commune_other: text('Arras') }),
      TODAY,
    );
    expect(reading.ok && reading.answers.commune).toBe('62041');
  });

  it.each([
    [
      'a postal code',
      { commune_cahc: choice(null), commune_other: text('62590') },
      'commune_other',
      /code postal.*Oignies/,
    ],
    [
      'a postal code written with a space',
      { commune_cahc: choice('other', 'static_select'), commune_other: text('62 320') },
      'commune_other',
      /code postal.*Acheville/,
    ],
    [
      'an ambiguous name',
      { commune_cahc: choice(null), commune_other: text('Saint-Martin') },
      'commune_other',
      /plusieurs communes/,
    ],
    [
      'an unknown name',
      { commune_cahc: choice(null), commune_other: text('Atlantide') },
      'commune_other',
      /^Commune introuvable\. Écrivez son nom complet/,
    ],
    [
      'a code of no commune',
      { commune_cahc: choice(null), commune_other: text('99999') },
      'commune_other',
      /^Commune introuvable/,
    ],
    [
      'no commune at all',
      { commune_cahc: choice(null), commune_other: text('') },
      'commune_cahc',
      /Choisissez/,
    ],
    [
      '« autre commune » chosen but not written',
      { commune_cahc: choice('other', 'static_select'), commune_other: text(null) },
      'commune_other',
      /Choisissez/,
    ],
    ['a listed commune and a written one', { commune_other: text('Arras') }, 'commune_other', /déjà choisie/],
    ['no birth date', { birth_date: date(null) }, 'birth_date', /date de naissance/],
    ['a birth date in the future', { birth_date: date('2022-06-02') }, 'birth_date', /futur/],
    ['no ASE situation', { ase_status: choice(null) }, 'ase_status', /ASE/],
    ['no insertion answer', { insertion_path: choice(null) }, 'insertion_path', /oui ou non/],
  ])('refuses %s, naming the field', (_why, overrides, block, message) => {
    const reading = readEligibilityForm(
      values(overrides as Partial<Record<FormBlockId, Record<string, unknown>>>),
      TODAY,
    );
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(Object.keys(reading.errors)).toEqual([block]);
    expect(reading.errors[block]).toMatch(message);
  });

  it.each([
    ['an unknown name', 'Atlantide'],
    ['a name and an address', 'Verhaeghe Maëlys, 12 rue des Tilleuls'],
    ['a phone number', '06 12 34 56 78'],
    ['a CAF number', '7654321'],
    ['an e-mail address', 'maelys@example.org'],
    ['a postal code', '62590'],
    ['a postal code written with a space', '62 320'],
  ])('never repeats what was typed in « autre commune »: %s', (_why, typed) => {
    const reading = readEligibilityForm(
      values({ commune_cahc: choice(null), commune_other: text(typed) }),
      TODAY,
    );
    const error = reading.ok ? '' : (reading.errors.commune_other ?? '');
    expect(error).toMatch(/^(Commune introuvable|Ce code postal ne suffit pas)/);
    for (const part of [
      typed,
      typed.replace(/\s+/g, ''),
      ...typed.split(/[\s,]+/).filter((w) => w.length > 3),
    ])
      expect(error).not.toContain(part);
  });

  it('an ambiguous name: only the candidate communes, not the text typed', () => {
    const reading = readEligibilityForm(
      values({ commune_cahc: choice(null), commune_other: text('  saint martin ') }),
      TODAY,
    );
    const error = reading.ok ? '' : (reading.errors.commune_other ?? '');
    expect(error).toMatch(/^Ce nom désigne plusieurs communes : Saint-Martin \(32389, dép\. 32\)/);
    expect(error).not.toContain('saint martin');
  });

  it('suggests the CAHC commune an unknown name is close to, by its own name', () => {
    const reading = readEligibilityForm(
      values({ commune_cahc: choice(null), commune_other: text('henin beaumon') }),
      TODAY,
    );
    expect(reading.ok ? '' : reading.errors.commune_other).toBe(
      'Commune introuvable. Vouliez-vous dire Hénin-Beaumont ? Écrivez son nom complet (ex. Hénin-Beaumont) ou son code INSEE (ex. 62427).',
    );
  });

  it('names every field at fault at once', () => {
    const reading = readEligibilityForm(
      values({ birth_date: date(null), ase_status: choice(null), commune_cahc: choice(null) }),
      TODAY,
    );
    expect(reading.ok ? [] : Object.keys(reading.errors).sort()).toEqual([
      'ase_status',
      'birth_date',
      'commune_cahc',
    ]);
  });

  it('ignores values the form never offers', () => {
    const reading = readEligibilityForm(
      values({ oriented_by: choice('nationality', 'static_select'), resources: choice('maybe') }),
      TODAY,
    );
    expect(reading.ok && Object.keys(reading.answers)).toHaveLength(4);
  });
});

function isInput(block: types.KnownBlock | types.Block): block is types.InputBlock {
  return block.type === 'input';
}

/** What Slack would submit for a modal left untouched: each input's initial value. */
function untouched(view: types.ModalView): FormValues {
  const state: FormValues = {};
  for (const block of view.blocks) {
    if (!isInput(block)) continue;
    const element = block.element as unknown as Record<string, unknown>;
    const actionId = String(element.action_id);
    const value: Record<string, unknown> = { type: element.type };
    if (element.type === 'datepicker') value.selected_date = element.initial_date ?? null;
    if (element.type === 'plain_text_input') value.value = element.initial_value ?? null;
    if (element.type === 'static_select' || element.type === 'radio_buttons') {
      value.selected_option = element.initial_option ?? null;
    }
    state[String(block.block_id)] = { [actionId]: value as never };
  }
  return state;
}

describe('a pre-filled modal submitted untouched reads back its answers («  Compléter »)', () => {
  const cahc = cahcCommunes();
  it.each<[string, Answers]>([
    [
      'required answers, CAHC commune',
      { birthDate: '2004-03-14', commune: '62637', aseStatus: 'in_care', inInsertionPath: true },
    ],
    [
      'every answer, commune outside the CAHC',
      {
        birthDate: '2002-07-03',
        commune: '62041',
        aseStatus: 'none',
        inInsertionPath: false,
        hasResources: true,
        youngAdultContract: false,
        familyRupture: true,
        needsSupport: false,
        orientedBy: 'cllaj',
        previousPlacement: 'foster_family',
      },
    ],
    [
      'a commune whose name is ambiguous outside the Pas-de-Calais',
      { birthDate: '2004-03-14', commune: '32389', aseStatus: 'former', inInsertionPath: true },
    ],
  ])('%s', (_why, answers) => {
    const view = eligibilityModal({ answers, metadata: {}, cahc });
    const reading = readEligibilityForm(untouched(view), TODAY);
    expect(reading.ok && reading.answers).toEqual(answers);
  });

  it('an empty modal submitted untouched names the required fields', () => {
    const reading = readEligibilityForm(untouched(eligibilityModal({ metadata: {}, cahc })), TODAY);
    expect(reading.ok ? [] : Object.keys(reading.errors).sort()).toEqual(
      [
        FORM_BLOCKS.aseStatus,
        FORM_BLOCKS.birthDate,
        FORM_BLOCKS.communeCahc,
        FORM_BLOCKS.inInsertionPath,
      ].sort(),
    );
  });
});

describe('readModalMetadata', () => {
  it.each([
    [
      '{"channel":"C1","responseUrl":"https://hooks.slack.com/commands/1"}',
      { channel: 'C1', responseUrl: 'https://hooks.slack.com/commands/1' },
    ],
    ['{"channel":"C1","responseUrl":"javascript:alert(1)"}', { channel: 'C1' }],
    ['{"channel":5}', {}],
    ['not json', {}],
    [undefined, {}],
  ])('%j → %j', (raw, expected) => {
    expect(readModalMetadata(raw)).toEqual(expected);
  });
});
