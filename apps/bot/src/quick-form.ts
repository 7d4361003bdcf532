import { type Commune, compareDates, isIsoDate } from '@tremplins/domain';
import { type AnswerField, type Answers, FIELD_LABELS, missingRequired } from './eligibility/answers.ts';
import { readCommune, suggestCahcCommune } from './eligibility/commune-input.ts';
import { nearMiss } from './near-miss.ts';

/*
 * The quick form: `/tremplins eligibilite 14/03/2004 Oignies ancien-ase formation ressources`.
 * A pure parser from the words after `eligibilite` to the answers of the eligibility modal.
 * Words are matched ignoring case and accents; every other word is read as (part of) the commune.
 * What it returns goes back to Slack, so it never carries a typed word: an unreadable word is given
 * by its position (and maybe a known word it is close to), a keyword as listed in the vocabulary. The
 * one exception is the commune read, as its official name and INSEE code, so that staff can check it:
 * a first name or a surname that is also a commune name (Marie, Fontaine, Roche) is read as that
 * commune. Any further commune-like run is given by position only, and candidates of an ambiguous
 * name are listed only when it is the lone commune-like run and its run holds no unreadable word.
 */

export interface QuickWord {
  /** The words, first one shown in the help. */
  words: readonly string[];
  field: AnswerField;
  value: Answers[AnswerField];
  /** What the word means, in French, for the help and the README. */
  meaning: string;
}

export const QUICK_WORDS: readonly QuickWord[] = [
  { words: ['ase'], field: 'aseStatus', value: 'in_care', meaning: 'pris en charge par l’ASE actuellement' },
  {
    words: ['ancien-ase', 'ex-ase'],
    field: 'aseStatus',
    value: 'former',
    meaning: 'pris en charge par l’ASE auparavant (ancien de l’ASE)',
  },
  {
    words: ['sans-ase', 'jamais-ase'],
    field: 'aseStatus',
    value: 'none',
    meaning: 'jamais pris en charge par l’ASE',
  },
  {
    words: ['formation', 'insertion'],
    field: 'inInsertionPath',
    value: true,
    meaning: 'inscrit dans un parcours d’insertion et/ou de formation',
  },
  {
    words: ['sans-formation', 'sans-insertion'],
    field: 'inInsertionPath',
    value: false,
    meaning: 'aucun parcours d’insertion ni de formation',
  },
  { words: ['ressources'], field: 'hasResources', value: true, meaning: 'dispose de ressources' },
  { words: ['sans-ressources'], field: 'hasResources', value: false, meaning: 'sans ressources' },
  {
    words: ['cjm'],
    field: 'youngAdultContract',
    value: true,
    meaning: 'bénéficie d’un contrat jeune majeur',
  },
  { words: ['sans-cjm'], field: 'youngAdultContract', value: false, meaning: 'sans contrat jeune majeur' },
  { words: ['rupture'], field: 'familyRupture', value: true, meaning: 'en rupture familiale' },
  { words: ['sans-rupture'], field: 'familyRupture', value: false, meaning: 'pas en rupture familiale' },
  {
    words: ['accompagnement', 'soutien'],
    field: 'needsSupport',
    value: true,
    meaning: 'a besoin d’un soutien éducatif et/ou matériel',
  },
  {
    words: ['sans-accompagnement', 'sans-soutien'],
    field: 'needsSupport',
    value: false,
    meaning: 'pas besoin de soutien éducatif ni matériel',
  },
  {
    words: ['mds', 'mds-henin-carvin'],
    field: 'orientedBy',
    value: 'mds_henin_carvin',
    meaning: 'orienté par la MDS d’Hénin-Carvin',
  },
  { words: ['autre-mds'], field: 'orientedBy', value: 'other_mds', meaning: 'orienté par une autre MDS' },
  { words: ['mecs'], field: 'orientedBy', value: 'mecs', meaning: 'orienté par une MECS' },
  { words: ['def'], field: 'orientedBy', value: 'def', meaning: 'orienté par la DEF (Département)' },
  { words: ['cllaj'], field: 'orientedBy', value: 'cllaj', meaning: 'orienté par un CLLAJ' },
  {
    words: ['mission-locale'],
    field: 'orientedBy',
    value: 'mission_locale',
    meaning: 'orienté par la mission locale',
  },
  {
    words: ['orientation-autre'],
    field: 'orientedBy',
    value: 'other',
    meaning: 'orienté par un autre service',
  },
  {
    words: ['famille-accueil', 'assistant-familial'],
    field: 'previousPlacement',
    value: 'foster_family',
    meaning: 'accueilli avant chez un assistant familial',
  },
  {
    words: ['maison-enfants'],
    field: 'previousPlacement',
    value: 'children_home',
    meaning: 'accueilli avant en maison d’enfants (MECS)',
  },
  {
    words: ['famille'],
    field: 'previousPlacement',
    value: 'family',
    meaning: 'vivait avant dans sa famille',
  },
  {
    words: ['placement-autre'],
    field: 'previousPlacement',
    value: 'other',
    meaning: 'autre lieu de vie avant',
  },
];

export const QUICK_FORM_EXAMPLE = '/tremplins eligibilite 14/03/2004 Oignies ancien-ase formation ressources';

/** What to type for each required answer, for « il manque ». */
const REQUIRED_HINTS: Readonly<Partial<Record<AnswerField, string>>> = {
  birthDate: 'une date de naissance (AAAA-MM-JJ ou JJ/MM/AAAA)',
  commune: 'la commune d’origine (nom ou code INSEE)',
  aseStatus: '`ase`, `ancien-ase` ou `sans-ase`',
  inInsertionPath: '`formation` (ou `insertion`) ou `sans-formation`',
};

const MAX_WORDS = 40;

/**
 * A word read as nothing. The word itself is not kept: it may be a name, a phone or a CAF number
 * typed by mistake, and what the parser returns goes back to Slack.
 */
export interface UnreadableWord {
  /** 1-based position among the words after `eligibilite`. */
  position: number;
  /** A known word it is a near miss of (`formation` for « formaton », `Oignies` for « Oignie »). */
  suggestion?: string;
}

/**
 * A commune-like run of words that is not named back: a first name or a surname can be a commune name
 * (Marie, Fontaine, Roche…), so only its positions are kept.
 */
export interface UnnamedCommune {
  /** 1-based positions of its words among the words after `eligibilite`. */
  positions: number[];
  /**
   * `second`: a commune-like run besides the commune read (or besides the first commune-like run);
   * `ambiguous`: a name several communes bear; `postal_code`: a postal code. The last two are given by
   * position when their run also holds unreadable words, or when there are several commune-like runs.
   */
  reason: 'second' | 'ambiguous' | 'postal_code';
  /** For `second`: the positions of the commune read (or of the first commune-like run). */
  first?: number[];
}

export type QuickFormParse =
  | { ok: true; answers: Answers; commune: Commune }
  | {
      ok: false;
      /** Words read as nothing, by position; never the words themselves. */
      unreadable: UnreadableWord[];
      /** Commune-like runs given by position only; never their words. */
      unnamedCommunes: UnnamedCommune[];
      /** Required answers nobody gave, as « il manque » hints. */
      missing: string[];
      /** Other problems, as French sentences. */
      problems: string[];
    };

/** Lower case, no accents, typographic dashes and underscores as `-`. */
export function normalizeWord(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[‐‑‒–—_]/g, '-');
}

const WORD_INDEX: ReadonlyMap<string, QuickWord> = new Map(
  QUICK_WORDS.flatMap((entry) => entry.words.map((word) => [word, entry] as const)),
);
const ALL_WORDS: readonly string[] = [...WORD_INDEX.keys()];

/** The keyword or CAHC commune an unreadable word is a near miss of; never the word itself. */
function suggestionFor(word: string): string | undefined {
  return nearMiss(normalizeWord(word), ALL_WORDS) ?? suggestCahcCommune(word);
}

type DateReading = { kind: 'date'; iso: string } | { kind: 'bad-date' } | null;

/** `YYYY-MM-DD`, `JJ/MM/AAAA` (or `JJ.MM.AAAA`); a date-shaped word that is no real date is `bad-date`. */
export function readDate(word: string): DateReading {
  let parts: [string, string, string] | null = null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(word);
  if (iso) parts = [iso[1] ?? '', iso[2] ?? '', iso[3] ?? ''];
  const french = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(word);
  if (french) parts = [french[3] ?? '', french[2] ?? '', french[1] ?? ''];
  if (!parts) return /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/.test(word) ? { kind: 'bad-date' } : null;
  const value = `${parts[0]}-${parts[1].padStart(2, '0')}-${parts[2].padStart(2, '0')}`;
  return isIsoDate(value) ? { kind: 'date', iso: value } : { kind: 'bad-date' };
}

/**
 * Parses the words of a quick form. `today` (YYYY-MM-DD) refuses a birth date in the future.
 * Never throws on any input.
 */
export function parseQuickForm(text: string, today: string): QuickFormParse {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const unreadable: UnreadableWord[] = [];
  const problems: string[] = [];
  if (words.length > MAX_WORDS) {
    return {
      ok: false,
      unreadable,
      unnamedCommunes: [],
      missing: [],
      problems: [`Trop de mots (plus de ${MAX_WORDS}).`],
    };
  }
  const answers: Answers = {};
  const given = new Map<AnswerField, string>();
  const refused = new Set<AnswerField>();
  let commune: Commune | undefined;
  // Words that are neither a date nor a keyword, in runs of adjacent words: the commune candidates.
  const runs: { word: string; position: number }[][] = [];
  let run: { word: string; position: number }[] | null = null;

  // `word` is a keyword of the vocabulary, as listed (never as typed).
  const give = (field: AnswerField, value: unknown, word: string): void => {
    const previous = given.get(field);
    if (previous !== undefined && (answers as Record<string, unknown>)[field] !== value) {
      problems.push(`« ${previous} » et « ${word} » se contredisent (${FIELD_LABELS[field]}).`);
      return;
    }
    given.set(field, word);
    Object.assign(answers, { [field]: value });
  };

  for (const [index, word] of words.entries()) {
    const date = readDate(word);
    const keyword = WORD_INDEX.get(normalizeWord(word));
    if (date || keyword) run = null;
    if (date) refused.add('birthDate');
    if (date?.kind === 'bad-date') {
      problems.push('Une date donnée n’existe pas dans le calendrier (vérifiez le jour et le mois).');
    } else if (date) {
      if (answers.birthDate !== undefined && answers.birthDate !== date.iso) {
        problems.push('Deux dates différentes : une seule date de naissance est attendue.');
      } else if (compareDates(date.iso, today) > 0) {
        problems.push('La date de naissance est dans le futur.');
      } else {
        answers.birthDate = date.iso;
        refused.delete('birthDate');
      }
    } else if (keyword) {
      give(keyword.field, keyword.value, normalizeWord(word));
    } else {
      if (!run) {
        run = [];
        runs.push(run);
      }
      run.push({ word, position: index + 1 });
    }
  }

  // Each run is cut into commune-like segments (a commune, an ambiguous name, a postal code, longest
  // first) and unreadable words.
  type Segment = { positions: number[]; run: number } & (
    | { kind: 'commune'; commune: Commune }
    | { kind: 'ambiguous' | 'postal_code'; message: string }
  );
  const segments: Segment[] = [];
  const runsWithUnreadable = new Set<number>();
  for (const [runIndex, candidate] of runs.entries()) {
    let i = 0;
    while (i < candidate.length) {
      let found: Segment | undefined;
      let specific: Segment | undefined;
      for (let end = candidate.length; end > i && !found; end--) {
        const slice = candidate.slice(i, end);
        const reading = readCommune(slice.map((w) => w.word).join(' '));
        const positions = slice.map((w) => w.position);
        if (reading.ok) found = { kind: 'commune', commune: reading.commune, positions, run: runIndex };
        else if (!specific && (reading.reason === 'ambiguous' || reading.reason === 'postal_code')) {
          specific = { kind: reading.reason, message: reading.message, positions, run: runIndex };
        }
      }
      const segment = found ?? specific;
      if (segment) {
        segments.push(segment);
        i += segment.positions.length;
      } else {
        const { word, position } = candidate[i] ?? { word: '', position: 0 };
        const suggestion = suggestionFor(word);
        unreadable.push(suggestion ? { position, suggestion } : { position });
        runsWithUnreadable.add(runIndex);
        i += 1;
      }
    }
  }

  // The first commune read is the commune. A first name or a surname can be a commune name (Marie,
  // Fontaine, Roche): every other commune-like segment is given by its positions only, and candidates
  // are listed only for a lone segment whose run holds no unreadable word.
  const read = segments.find((s) => s.kind === 'commune');
  if (read?.kind === 'commune') {
    commune = read.commune;
    answers.commune = read.commune.inseeCode;
  } else if (segments.length > 0) {
    refused.add('commune');
  }
  const first = read ?? segments[0];
  const unnamedCommunes: UnnamedCommune[] = [];
  for (const segment of segments) {
    if (segment === read) continue;
    if (segment.kind === 'commune' && segment.commune.inseeCode === commune?.inseeCode) continue;
    if (segment === first && segment.kind !== 'commune') {
      if (segments.length === 1 && !runsWithUnreadable.has(segment.run)) problems.push(segment.message);
      else unnamedCommunes.push({ positions: segment.positions, reason: segment.kind });
      continue;
    }
    const previous = unnamedCommunes.at(-1);
    const last = previous?.positions.at(-1);
    if (previous?.reason === 'second' && last !== undefined && segment.positions[0] === last + 1) {
      previous.positions.push(...segment.positions);
    } else {
      unnamedCommunes.push({
        positions: [...segment.positions],
        reason: 'second',
        first: first?.positions ?? [],
      });
    }
  }

  // A required answer given but refused (impossible date, postal code…) is a problem, not missing.
  const missing = missingRequired(answers)
    .filter((field) => !refused.has(field))
    .map((field) => REQUIRED_HINTS[field] ?? FIELD_LABELS[field]);
  if (
    unreadable.length === 0 &&
    unnamedCommunes.length === 0 &&
    problems.length === 0 &&
    missing.length === 0 &&
    commune
  ) {
    return { ok: true, answers, commune };
  }
  return { ok: false, unreadable, unnamedCommunes, missing, problems };
}
