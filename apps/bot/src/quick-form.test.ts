// The quick form (`/tremplins eligibilite 14/03/2004 Oignies ancien-ase formation ressources`): every
// word of the vocabulary, dates in both notations, communes in one or several words or by INSEE code,
// and every way the input can be wrong, with what the person is told.
import { describe, expect, it } from 'vitest';
import { communeCheckNotice } from './eligibility/commune-input.ts';
import { normalizeWord, parseQuickForm, QUICK_FORM_EXAMPLE, QUICK_WORDS, readDate } from './quick-form.ts';

const TODAY = '2022-06-01';
const BASE = '2004-03-14 Oignies ase formation';

function ok(text: string) {
  const parsed = parseQuickForm(text, TODAY);
  if (!parsed.ok) throw new Error(`expected ${text} to parse: ${JSON.stringify(parsed)}`);
  return parsed;
}

function failure(text: string) {
  const parsed = parseQuickForm(text, TODAY);
  if (parsed.ok) throw new Error(`expected ${text} to fail, got ${JSON.stringify(parsed.answers)}`);
  return parsed;
}

describe('parseQuickForm: the example of the issue and of the help', () => {
  it('reads `2005-03-14 Oignies ase formation ressources`', () => {
    const parsed = ok('2005-03-14 Oignies ase formation ressources');
    expect(parsed.answers).toEqual({
      birthDate: '2005-03-14',
      commune: '62637',
      aseStatus: 'in_care',
      inInsertionPath: true,
      hasResources: true,
    });
    expect(parsed.commune.name).toBe('Oignies');
  });

  it('reads the example printed in the help', () => {
    const parsed = ok(QUICK_FORM_EXAMPLE.replace('/tremplins eligibilite ', ''));
    expect(parsed.answers).toMatchObject({
      birthDate: '2004-03-14',
      aseStatus: 'former',
      hasResources: true,
    });
  });
});

describe('parseQuickForm: dates', () => {
  it.each([
    ['2004-03-14', '2004-03-14'],
    ['14/03/2004', '2004-03-14'],
    ['4/3/2004', '2004-03-04'],
    ['14.03.2004', '2004-03-14'],
    ['2004-3-4', '2004-03-04'],
    ['29/02/2004', '2004-02-29'],
  ])('%s is the birth date %s', (word, iso) => {
    expect(ok(`${word} Oignies ase formation`).answers.birthDate).toBe(iso);
  });

  it.each([
    ['31/02/2004', 'no 31 February'],
    ['29/02/2003', '2003 is not a leap year'],
    ['2004-13-01', 'no 13th month'],
    ['14/03/04', 'a two-digit year is not read'],
    ['00/01/2004', 'no day 0'],
  ])('%s is refused (%s), without echoing it', (word) => {
    const parsed = failure(`${word} Oignies ase formation`);
    expect(JSON.stringify(parsed)).not.toContain(word);
    expect(parsed.problems.join(' ')).toMatch(/date/);
    expect(parsed.missing).toEqual([]);
  });

  it('refuses a birth date in the future without echoing it', () => {
    const parsed = failure('2030-01-01 Oignies ase formation');
    expect(parsed.problems).toEqual(['La date de naissance est dans le futur.']);
    expect(JSON.stringify(parsed)).not.toContain('2030');
  });

  it('refuses two different dates, accepts the same date twice', () => {
    expect(failure('2004-03-14 14/03/2005 Oignies ase formation').problems).toEqual([
      'Deux dates différentes : une seule date de naissance est attendue.',
    ]);
    expect(ok('2004-03-14 14/03/2004 Oignies ase formation').answers.birthDate).toBe('2004-03-14');
  });

  it.each([
    ['2004-03-14', { kind: 'date', iso: '2004-03-14' }],
    ['2004-02-30', { kind: 'bad-date' }],
    ['14-03-2004', { kind: 'bad-date' }],
    ['Oignies', null],
    ['62637', null],
  ])('readDate(%s)', (word, expected) => {
    expect(readDate(word)).toEqual(expected);
  });
});

describe('parseQuickForm: communes', () => {
  it.each([
    ['Oignies', '62637'],
    ['OIGNIES', '62637'],
    ['Hénin-Beaumont', '62427'],
    ['Henin Beaumont', '62427'],
    ['hénin beaumont', '62427'],
    ['Courcelles lès Lens', '62249'],
    ['Courcelles-les-Lens', '62249'],
    ['Évin-Malmaison', '62321'],
    ['EVIN MALMAISON', '62321'],
    ['Arras', '62041'],
    ['62041', '62041'],
    ['Drocourt', '62277'],
    ['Lille', '59350'],
  ])('%s is the commune %s', (words, inseeCode) => {
    expect(ok(`2004-03-14 ${words} ase formation`).answers.commune).toBe(inseeCode);
  });

  it('reads the commune wherever it stands among the words', () => {
    expect(ok('ase formation Henin Beaumont 14/03/2004').answers.commune).toBe('62427');
    expect(ok('ase Henin Beaumont formation 14/03/2004').answers.commune).toBe('62427');
  });

  it('refuses a postal code, naming the communes it covers and the INSEE code it also is', () => {
    const parsed = failure('2004-03-14 62590 ase formation');
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toContain('code postal');
    expect(parsed.problems[0]).toContain('Oignies');
    expect(parsed.problems[0]).toContain('Monts-en-Ternois');
    expect(parsed.missing).toEqual([]);
  });

  it('refuses 62320, a postal code shared with a commune outside the CAHC', () => {
    const parsed = failure('2004-03-14 62320 ase formation');
    expect(parsed.problems[0]).toContain('Acheville');
    expect(parsed.problems[0]).toContain('Rouvroy');
  });

  it('refuses an ambiguous name, listing candidates', () => {
    const parsed = failure('2004-03-14 Saint-Martin ase formation');
    expect(parsed.problems[0]).toMatch(/^Ce nom désigne plusieurs communes.*Saint-Martin \(32389/);
    expect(parsed.problems[0]).toContain('code INSEE');
  });

  it('reports an unknown name by position, suggesting the CAHC commune it is close to', () => {
    const parsed = failure('2004-03-14 Oignie ase formation');
    expect(parsed.unreadable).toEqual([{ position: 2, suggestion: 'Oignies' }]);
    expect(parsed.missing).toEqual(['la commune d’origine (nom ou code INSEE)']);
    expect(JSON.stringify(parsed)).not.toContain('Oignie"');
  });

  it('takes the longest commune name and reports the rest as unreadable', () => {
    const parsed = failure('2004-03-14 Oignies blabla ase formation');
    expect(parsed.unreadable).toEqual([{ position: 3 }]);
    expect(parsed.missing).toEqual([]);
  });

  it('refuses two communes, giving the second by position only', () => {
    const parsed = failure('2004-03-14 Oignies ase Carvin formation');
    expect(parsed.unnamedCommunes).toEqual([{ positions: [4], reason: 'second', first: [2] }]);
    expect(parsed.problems).toEqual([]);
    expect(JSON.stringify(parsed)).not.toContain('Carvin');
    expect(JSON.stringify(parsed)).not.toContain('Oignies');
  });

  it('accepts the same commune twice', () => {
    expect(ok('2004-03-14 Oignies ase 62637 formation').answers.commune).toBe('62637');
  });
});

// Surnames and first names that are commune names: Bonnet, Fontaine, Guérin, Boyer, François,
// Mathieu, Gaillard, Roche, Marie. The commune read is the first one; nothing else is named back.
describe('parseQuickForm: names that are commune names', () => {
  it.each([
    // typed, unreadable positions, commune-like runs by position, words never kept
    [
      '2005-03-14 Oignies ase formation Roche Paris',
      [],
      [{ positions: [5, 6], reason: 'second', first: [2] }],
      ['Roche', 'Paris'],
    ],
    [
      '2005-03-14 Oignies ase formation Fontaine Sarah',
      [{ position: 6 }],
      [{ positions: [5], reason: 'second', first: [2] }],
      ['Fontaine', 'Sarah'],
    ],
    [
      '2005-03-14 Oignies ase formation Dupont Fontaine',
      [{ position: 5 }],
      [{ positions: [6], reason: 'second', first: [2] }],
      ['Fontaine', 'Dupont'],
    ],
    [
      '2005-03-14 Fontaine Sarah ase formation',
      [{ position: 3 }],
      [{ positions: [2], reason: 'ambiguous' }],
      ['Fontaine', 'Sarah'],
    ],
    [
      '2005-03-14 Saint-Martin Dupont ase formation',
      [{ position: 3 }],
      [{ positions: [2], reason: 'ambiguous' }],
      ['Saint-Martin', 'Dupont'],
    ],
    [
      '2005-03-14 62590 Dupont ase formation',
      [{ position: 3 }],
      [{ positions: [2], reason: 'postal_code' }],
      ['Oignies', 'Dupont'],
    ],
    [
      '2005-03-14 Oignies ase formation Bonnet',
      [],
      [{ positions: [5], reason: 'second', first: [2] }],
      ['Bonnet'],
    ],
    [
      '2005-03-14 Oignies ase formation Guérin Boyer',
      [],
      [{ positions: [5, 6], reason: 'second', first: [2] }],
      ['Guérin', 'Boyer'],
    ],
    [
      '2005-03-14 Oignies ase formation François Mathieu',
      [],
      [{ positions: [5, 6], reason: 'second', first: [2] }],
      ['François', 'Mathieu'],
    ],
    [
      '2005-03-14 Oignies ase Gaillard formation Roche',
      [],
      [
        { positions: [4], reason: 'second', first: [2] },
        { positions: [6], reason: 'second', first: [2] },
      ],
      ['Gaillard', 'Roche'],
    ],
    [
      '2005-03-14 Fontaine ase Oignies formation',
      [],
      [{ positions: [2], reason: 'second', first: [4] }],
      ['Fontaine'],
    ],
    [
      '2005-03-14 Fontaine ase Boyer formation',
      [],
      [
        { positions: [2], reason: 'ambiguous' },
        { positions: [4], reason: 'second', first: [2] },
      ],
      ['Fontaine', 'Boyer'],
    ],
  ] as const)('%s: positions only', (text, unreadable, unnamedCommunes, never) => {
    const parsed = failure(text);
    expect(parsed.unreadable).toEqual(unreadable);
    expect(parsed.unnamedCommunes).toEqual(unnamedCommunes);
    expect(parsed.problems).toEqual([]);
    expect(parsed.missing).toEqual([]);
    for (const word of never) expect(JSON.stringify(parsed)).not.toContain(word);
  });

  it('lists the candidates of an ambiguous name only when it stands alone', () => {
    const alone = failure('2005-03-14 Fontaine ase formation');
    expect(alone.problems[0]).toMatch(/^Ce nom désigne plusieurs communes : Fontaine \(10150, dép\. 10\)/);
    expect(alone.unnamedCommunes).toEqual([]);
    const withAName = failure('2005-03-14 Fontaine Sarah ase formation');
    expect(JSON.stringify(withAName)).not.toMatch(/10150|38169|Fontaine/);
  });

  it('reads the first name Marie as the commune Marie (06080): the answer shows it to be checked', () => {
    const parsed = ok('2005-03-14 Marie ase formation');
    expect(parsed.commune).toMatchObject({ name: 'Marie', inseeCode: '06080', departmentCode: '06' });
  });
});

describe('parseQuickForm: the vocabulary', () => {
  const cases = QUICK_WORDS.flatMap((entry) =>
    entry.words.map((word) => ({ word, field: entry.field, value: entry.value })),
  );

  it.each(cases)('`$word` sets $field to $value', ({ word, field, value }) => {
    const base =
      field === 'aseStatus'
        ? '2004-03-14 Oignies formation'
        : field === 'inInsertionPath'
          ? '2004-03-14 Oignies ase'
          : BASE;
    expect(ok(`${base} ${word}`).answers[field]).toBe(value);
  });

  it.each(cases)('`$word` is read in capitals and with an en dash too', ({ word, field, value }) => {
    const base =
      field === 'aseStatus'
        ? '2004-03-14 Oignies formation'
        : field === 'inInsertionPath'
          ? '2004-03-14 Oignies ase'
          : BASE;
    expect(ok(`${base} ${word.toUpperCase().replace(/-/g, '–')}`).answers[field]).toBe(value);
  });

  it('no word is listed twice', () => {
    const words = QUICK_WORDS.flatMap((e) => e.words);
    expect(new Set(words).size).toBe(words.length);
  });

  it('no word of the vocabulary is a commune name (it would be read as a keyword)', async () => {
    const { resolveCommune } = await import('@tremplins/domain');
    for (const word of QUICK_WORDS.flatMap((e) => e.words)) {
      expect(() => resolveCommune(word), word).toThrow();
    }
  });

  it('an unknown answer is simply left out (the rules will list it as missing)', () => {
    const { answers } = ok(BASE);
    expect(Object.keys(answers).sort()).toEqual(['aseStatus', 'birthDate', 'commune', 'inInsertionPath']);
  });

  it('reads a full answer', () => {
    expect(
      ok('03/07/2002 Carvin sans-ase insertion ressources sans-cjm rupture soutien mds famille').answers,
    ).toEqual({
      birthDate: '2002-07-03',
      commune: '62215',
      aseStatus: 'none',
      inInsertionPath: true,
      hasResources: true,
      youngAdultContract: false,
      familyRupture: true,
      needsSupport: true,
      orientedBy: 'mds_henin_carvin',
      previousPlacement: 'family',
    });
  });

  it.each([
    ['ase sans-ase', '« ase » et « sans-ase » se contredisent (situation à l’ASE).'],
    ['ressources sans-ressources', '« ressources » et « sans-ressources » se contredisent (ressources).'],
    ['mds mecs', '« mds » et « mecs » se contredisent (orientation).'],
  ])('contradictory words `%s` are refused', (words, problem) => {
    expect(failure(`${BASE} ${words}`).problems).toContain(problem);
  });

  it('the same word twice is no contradiction', () => {
    expect(ok(`${BASE} ase formation`).answers.aseStatus).toBe('in_care');
  });
});

describe('parseQuickForm: what is missing or unreadable', () => {
  it.each([
    ['Oignies ase formation', ['une date de naissance (AAAA-MM-JJ ou JJ/MM/AAAA)']],
    ['2004-03-14 ase formation', ['la commune d’origine (nom ou code INSEE)']],
    ['2004-03-14 Oignies formation', ['`ase`, `ancien-ase` ou `sans-ase`']],
    ['2004-03-14 Oignies ase', ['`formation` (ou `insertion`) ou `sans-formation`']],
  ])('`%s` is missing %j', (text, missing) => {
    const parsed = failure(text);
    expect(parsed.missing).toEqual(missing);
    expect(parsed.unreadable).toEqual([]);
  });

  it('lists every unreadable word by position, in order, with the keyword it is close to', () => {
    const parsed = failure('2004-03-14 Oignies ase formaton resources');
    expect(parsed.unreadable).toEqual([
      { position: 4, suggestion: 'formation' },
      { position: 5, suggestion: 'ressources' },
    ]);
    expect(parsed.missing).toEqual(['`formation` (ou `insertion`) ou `sans-formation`']);
  });

  it.each([
    ['ancien-as', 'ancien-ase'],
    ['SANS-ASSE', 'sans-ase'],
    ['ressource', 'ressources'],
    ['acompagnement', 'accompagnement'],
    ['mission-local', 'mission-locale'],
    ['mcs', 'mds'],
    ['Carvn', 'Carvin'],
    ['Dupont', undefined],
    ['Jean', undefined],
  ])('suggests for %s the known word %s', (typed, suggestion) => {
    const parsed = failure(`2004-03-14 Oignies ase formation ${typed}`);
    expect(parsed.unreadable).toEqual([suggestion ? { position: 5, suggestion } : { position: 5 }]);
  });

  it('never keeps a word it could not read: names, phone, CAF number, e-mail', () => {
    const typed = ['Dupont', 'Jean', '0612345678', '1234567A', 'jean.dupont@example.org'];
    const parsed = failure(`2005-03-14 Oignies ase formation ressources ${typed.join(' ')}`);
    expect(parsed.unreadable).toEqual([
      { position: 6 },
      { position: 7 },
      { position: 8 },
      { position: 9 },
      { position: 10 },
    ]);
    expect(parsed.missing).toEqual([]);
    expect(parsed.problems).toEqual([]);
    for (const word of typed) expect(JSON.stringify(parsed)).not.toContain(word);
  });

  it('suggests nothing for a word with a digit or another sign, however close', () => {
    // « as3 » and « ase. » are one edit from `ase`, but a word with a digit or a sign is no typo.
    const parsed = failure('2004-03-14 Oignies formation as3 ase.');
    expect(parsed.unreadable).toEqual([{ position: 4 }, { position: 5 }]);
  });

  it('names contradictory keywords as listed, not as typed', () => {
    expect(failure(`${BASE} ASE SANS–ASE`).problems).toContain(
      '« ase » et « sans-ase » se contredisent (situation à l’ASE).',
    );
  });

  it('refuses more than 40 words', () => {
    expect(failure(Array.from({ length: 41 }, () => 'ase').join(' ')).problems).toEqual([
      'Trop de mots (plus de 40).',
    ]);
  });

  it.each(['', '   ', '!!!', '<@U123>', 'Dupont Jean 0612345678'])('never throws on %j', (text) => {
    expect(() => parseQuickForm(text, TODAY)).not.toThrow();
    expect(parseQuickForm(text, TODAY).ok).toBe(false);
  });
});

describe('normalizeWord', () => {
  it.each([
    ['Ancien-ASE', 'ancien-ase'],
    ['ÉCHÉANCES', 'echeances'],
    ['sans_ase', 'sans-ase'],
    ['sans—ase', 'sans-ase'],
  ])('%s → %s', (word, normalized) => {
    expect(normalizeWord(word)).toBe(normalized);
  });
});

describe('communeCheckNotice', () => {
  it('flags a commune read outside the Pas-de-Calais, with its department, and no other', () => {
    expect(communeCheckNotice(ok('2005-03-14 Marie ase formation').commune)).toBe(
      'Commune lue : Marie (06080, Alpes-Maritimes) — si c’est un prénom, retirez-le : ne saisissez jamais de nom.',
    );
    expect(communeCheckNotice(ok('2005-03-14 Lille ase formation').commune)).toContain('(59350, Nord)');
    expect(communeCheckNotice(ok('2005-03-14 Oignies ase formation').commune)).toBeUndefined();
    expect(communeCheckNotice(ok('2005-03-14 Arras ase formation').commune)).toBeUndefined();
  });
});
