import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DomainError, parseOrThrow } from '../errors.ts';
import {
  CAHC_SIREN,
  CommuneSchema,
  cahcCommunes,
  communesByPostalCode,
  departmentName,
  findCommuneByInseeCode,
  isInCahc,
  normalizeCommuneName,
  resolveCommune,
} from './index.ts';

/** FACTS.md §1.1: the 14 members, identical in the 2022, 2023 and 2025 epcicom files. */
const CAHC: [name: string, inseeCode: string][] = [
  ['Bois-Bernard', '62148'],
  ['Carvin', '62215'],
  ['Courcelles-lès-Lens', '62249'],
  ['Courrières', '62250'],
  ['Dourges', '62274'],
  ['Drocourt', '62277'],
  ['Évin-Malmaison', '62321'],
  ['Hénin-Beaumont', '62427'],
  ['Leforest', '62497'],
  ['Libercourt', '62907'],
  ['Montigny-en-Gohelle', '62587'],
  ['Noyelles-Godault', '62624'],
  ['Oignies', '62637'],
  ['Rouvroy', '62724'],
];

/** FACTS.md §1.1 traps and §1.2: communes outside the CAHC. */
const NOT_CAHC: [name: string, inseeCode: string, epciSiren: string | null][] = [
  ['Acheville', '62003', '246200364'],
  ['Liévin', '62510', '246200364'],
  ['Lens', '62498', '246200364'],
  ['Arras', '62041', '200033579'],
  ['Nœux-les-Mines', '62617', '200072460'],
  ['Hénin-sur-Cojeul', '62428', '200033579'],
];

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

function candidateCodes(error: DomainError): string[] {
  return (error.details.candidates as { inseeCode: string }[]).map((c) => c.inseeCode);
}

describe('CAHC membership (FACTS.md §1.1)', () => {
  it.each(CAHC)('%s (%s) resolves by INSEE code and is in the CAHC', (name, code) => {
    const commune = resolveCommune({ inseeCode: code });
    expect(commune).toMatchObject({ inseeCode: code, name, departmentCode: '62' });
    expect(commune.epci).toEqual({ siren: CAHC_SIREN, name: "CA d'Hénin-Carvin" });
    expect(findCommuneByInseeCode(code)).toBe(commune);
    expect(isInCahc(commune)).toBe(true);
    expect(isInCahc(code)).toBe(true);
  });

  it.each(CAHC)('%s resolves by its official name to %s', (name, code) => {
    expect(resolveCommune(name).inseeCode).toBe(code);
    expect(resolveCommune(name.toUpperCase()).inseeCode).toBe(code);
  });

  it('has exactly the 14 communes, sorted by name', () => {
    const communes = cahcCommunes();
    expect(communes.map((c) => c.inseeCode).sort()).toEqual(CAHC.map(([, code]) => code).sort());
    expect(communes.map((c) => c.name)).toEqual(CAHC.map(([name]) => name));
  });

  it('hands out copies of the list and frozen communes', () => {
    const list = cahcCommunes();
    list.pop();
    expect(cahcCommunes()).toHaveLength(14);
    expect(Object.isFrozen(list[0])).toBe(true);
  });
});

describe('communes outside the CAHC (FACTS.md §1.1 traps, §1.2)', () => {
  it.each(NOT_CAHC)('%s (%s) is not in the CAHC', (name, code, epciSiren) => {
    const commune = resolveCommune({ inseeCode: code });
    expect(commune.name).toBe(name);
    expect(commune.epci?.siren ?? null).toBe(epciSiren);
    expect(resolveCommune(name)).toBe(commune);
    expect(isInCahc(commune)).toBe(false);
    expect(isInCahc(code)).toBe(false);
  });

  it('does not mistake the CA de Lens-Liévin SIREN for the CAHC', () => {
    expect(CAHC_SIREN).toBe('246200299');
    expect(resolveCommune('Lens').epci?.siren).toBe('246200364');
  });
});

describe('names typed by people', () => {
  it.each([
    ['noeux les mines', '62617'],
    ['Noeux-les-Mines', '62617'],
    ['NŒUX-LES-MINES', '62617'],
    ['EVIN MALMAISON', '62321'],
    ['evin-malmaison', '62321'],
    ['Evin  Malmaison', '62321'],
    ['hénin beaumont', '62427'],
    ['HENIN-BEAUMONT', '62427'],
    ['  Hénin-Beaumont  ', '62427'],
    ['courcelles les lens', '62249'],
    ['Hénin-sur-Cojeul', '62428'],
    ['Drocourt', '62277'],
    ["L'Abergement-Clémenciat", '01001'],
    ['l’abergement clemenciat', '01001'],
  ])('%j → %s', (query, code) => {
    expect(resolveCommune(query).inseeCode).toBe(code);
  });

  it('"Hénin-sur-Cojeul" is not Hénin-Beaumont and not in the CAHC', () => {
    expect(isInCahc(resolveCommune('Hénin-sur-Cojeul'))).toBe(false);
  });

  it('prefers the Pas-de-Calais Drocourt (62277) over the Yvelines one (78202)', () => {
    const commune = resolveCommune('drocourt');
    expect(commune.inseeCode).toBe('62277');
    expect(isInCahc(commune)).toBe(true);
    expect(resolveCommune({ inseeCode: '78202' })).toMatchObject({ name: 'Drocourt', departmentCode: '78' });
    expect(isInCahc('78202')).toBe(false);
  });

  it.each([
    ['Saint-Martin', ['32389', '54480', '65392', '67426', '97801']],
    // Not Hénin-Beaumont: half a name matches nothing in the Pas-de-Calais.
    ['Beaumont', ['07029', '19020', '32037', '43022', '54057', '63032', '74031', '89031']],
  ])('refuses %j, shared by communes none of which is in the 62, as ambiguous', (query, codes) => {
    const error = thrown(() => resolveCommune(query));
    expect(error.code).toBe('ambiguous_commune');
    expect(error.message).toContain('commune');
    expect(candidateCodes(error).sort()).toEqual(codes);
    const first = codes[0] ?? '';
    expect(error.message).toContain(`${query} (${first}, ${first.slice(0, 2)})`);
    expect(error.details.candidates).toContainEqual({
      inseeCode: first,
      name: query,
      departmentCode: first.slice(0, 2),
    });
  });

  it('lists ambiguous candidates as "Name (INSEE, département)"', () => {
    const error = thrown(() => resolveCommune('saint martin'));
    expect(error.message).toContain('Saint-Martin (54480, 54)');
    expect(error.message).toContain('Saint-Martin (97801, 978)');
  });

  it('refuses an unknown name with unknown_commune', () => {
    const error = thrown(() => resolveCommune('Hénin-Carvin'));
    expect(error.code).toBe('unknown_commune');
    expect(error.message).toContain('commune');
  });

  it.each(['', '   ', '\t\n'])('refuses blank %j with invalid_input', (query) => {
    const error = thrown(() => resolveCommune(query));
    expect(error.code).toBe('invalid_input');
    expect(error.issues).toEqual([{ path: 'commune', message: 'must not be blank' }]);
  });

  it('returns the same object for a repeated query (cache) as for a fresh one', () => {
    const first = resolveCommune('Oignies');
    expect(resolveCommune('Oignies')).toBe(first);
    expect(resolveCommune('OIGNIES')).toBe(first);
  });
});

describe('postal codes never decide', () => {
  // The field is "an INSEE code or a name": a bare code that IS an INSEE code is that commune.
  it('resolves 62320 to Étrun (its INSEE code), not to the CAHC communes whose postal code it is', () => {
    const commune = resolveCommune('62320');
    expect(commune).toMatchObject({ inseeCode: '62320', name: 'Étrun', departmentCode: '62' });
    expect(commune).toBe(resolveCommune({ inseeCode: '62320' }));
    expect(isInCahc(commune)).toBe(false);
    expect(communesByPostalCode('62320').map((c) => c.inseeCode)).not.toContain('62320');
  });

  it('resolves 62215 to Carvin (its INSEE code, also the postal code of Oye-Plage), in the CAHC', () => {
    const commune = resolveCommune('62215');
    expect(commune).toMatchObject({ inseeCode: '62215', name: 'Carvin', departmentCode: '62' });
    expect(isInCahc(commune)).toBe(true);
    expect(communesByPostalCode('62215').map((c) => c.name)).toEqual(['Oye-Plage']);
  });

  it('62320 as an explicit INSEE code is Étrun, not in the CAHC', () => {
    expect(resolveCommune({ inseeCode: '62320' }).name).toBe('Étrun');
    expect(isInCahc('62320')).toBe(false);
  });

  it('communesByPostalCode(62320) spans two EPCIs', () => {
    const communes = communesByPostalCode('62320');
    expect(communes.map((c) => c.name)).toEqual(['Acheville', 'Bois-Bernard', 'Drocourt', 'Rouvroy']);
    expect(communes.map(isInCahc)).toEqual([false, true, true, true]);
  });

  it.each([
    ['62110', ['62427']],
    ['62970', ['62249']],
    ['62950', ['62624']],
    ['62000', ['62041', '62263']],
  ])(
    'refuses %s, a postal code that is no INSEE code, with unknown_commune and its communes as candidates',
    (query, codes) => {
      const error = thrown(() => resolveCommune(query));
      expect(error.code).toBe('unknown_commune');
      expect(error.message).toContain('postal code is not accepted');
      expect(error.message).toContain('INSEE code or a name');
      expect(error.details.postalCode).toBe(query);
      expect(candidateCodes(error).sort()).toEqual(codes);
      expect(findCommuneByInseeCode(query)).toBeUndefined();
    },
  );

  // The trap: someone typing the postal code of a CAHC commune gets ANOTHER commune, whose INSEE code
  // those digits are, outside the CAHC. Postal codes from FACTS.md §1.1; each resolves, none refused.
  it.each([
    ['62220', 'Carvin', 'Cavron-Saint-Martin'],
    ['62320', 'Bois-Bernard, Drocourt and Rouvroy', 'Étrun'],
    ['62590', 'Oignies', 'Monts-en-Ternois'],
    ['62119', 'Dourges', 'Béthune'],
    ['62710', 'Courrières', 'Rimboval'],
    ['62141', 'Évin-Malmaison', 'Blessy'],
    ['62790', 'Leforest', 'Senlis'],
    ['62820', 'Libercourt', 'Tincques'],
    ['62640', 'Montigny-en-Gohelle', 'Orville'],
  ])(
    '%s, the postal code of %s (CAHC), resolves to %s, whose INSEE code it is, which is NOT in the CAHC',
    (query, postalOf, inseeName) => {
      const commune = resolveCommune(query);
      expect(commune).toMatchObject({ inseeCode: query, name: inseeName });
      expect(commune.postalCodes).not.toContain(query);
      expect(isInCahc(commune)).toBe(false);
      expect(isInCahc(query)).toBe(false);
      const served = communesByPostalCode(query);
      expect(served.some((c) => isInCahc(c) && postalOf.includes(c.name))).toBe(true);
      expect(served).not.toContain(commune);
    },
  );

  it('accepts a bare INSEE code that is no other commune’s postal code', () => {
    expect(resolveCommune('62427').name).toBe('Hénin-Beaumont');
    expect(resolveCommune(' 62907 ').name).toBe('Libercourt');
    expect(resolveCommune('2a004').name).toBe('Ajaccio');
  });

  it('refuses a code-shaped string that is neither INSEE nor postal code', () => {
    expect(thrown(() => resolveCommune('99999')).code).toBe('unknown_commune');
    expect(thrown(() => resolveCommune({ inseeCode: '62999' })).code).toBe('unknown_commune');
    expect(thrown(() => isInCahc('62999')).code).toBe('unknown_commune');
  });

  it('refuses a badly shaped explicit INSEE code with invalid_input naming the field', () => {
    const error = thrown(() => resolveCommune({ inseeCode: '6242' }));
    expect(error.code).toBe('invalid_input');
    expect(error.issues[0]?.path).toBe('commune.inseeCode');
  });
});

describe('normalizeCommuneName', () => {
  it.each([
    ['Évin-Malmaison', 'evin malmaison'],
    ['ÉVIN-MALMAISON', 'evin malmaison'],
    ['Nœux-les-Mines', 'noeux les mines'],
    ['Courcelles-lès-Lens', 'courcelles les lens'],
    ["L'Haÿ-les-Roses", 'l hay les roses'],
    ['  Saint--Martin   d’Hères ', 'saint martin d heres'],
    ['Château-Chinon (Ville)', 'chateau chinon ville'],
    ['Cæstre', 'caestre'],
  ])('%j → %j', (name, expected) => {
    expect(normalizeCommuneName(name)).toBe(expected);
  });

  it('does not expand "St" (documented choice)', () => {
    expect(normalizeCommuneName('St-Omer')).toBe('st omer');
    expect(thrown(() => resolveCommune('St-Omer')).code).toBe('unknown_commune');
  });
});

describe('CommuneSchema', () => {
  const valid = {
    inseeCode: '62427',
    name: 'Hénin-Beaumont',
    postalCodes: ['62110'],
    departmentCode: '62',
    epci: { siren: CAHC_SIREN, name: "CA d'Hénin-Carvin" },
  };

  it('accepts a commune', () => {
    expect(CommuneSchema.parse(valid)).toEqual(valid);
    expect(CommuneSchema.parse({ ...valid, epci: null }).epci).toBeNull();
  });

  it.each(['6242', '624270', '62 427', '2C004', 'abcde'])(
    'rejects INSEE code %j naming the field',
    (inseeCode) => {
      const result = CommuneSchema.safeParse({ ...valid, inseeCode });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['inseeCode']);
      const error = thrown(() => parseOrThrow(CommuneSchema, { ...valid, inseeCode }, 'commune'));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toContain('commune.inseeCode');
    },
  );

  it('accepts every current commune the module builds', () => {
    const require = createRequire(import.meta.url);
    const raw = require('@etalab/decoupage-administratif/data/communes.json') as {
      code: string;
      type: string;
    }[];
    const codes = raw.filter((c) => c.type === 'commune-actuelle').map((c) => c.code);
    expect(codes.length).toBeGreaterThan(34_000);
    for (const code of codes) {
      const commune = findCommuneByInseeCode(code);
      expect(commune?.inseeCode).toBe(code);
      const result = CommuneSchema.safeParse(commune);
      if (!result.success) throw new Error(`${code}: ${result.error.message}`);
    }
  });
});

describe('speed', () => {
  it('resolves 100 000 codes and names quickly once loaded', () => {
    resolveCommune({ inseeCode: '62427' });
    const start = performance.now();
    for (let i = 0; i < 100_000; i++) {
      resolveCommune({ inseeCode: '62637' });
      resolveCommune('62427');
      resolveCommune('Évin-Malmaison');
    }
    // Generous bound: a Map lookup each, so the real figure is a few milliseconds.
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});

describe('departmentName', () => {
  it.each([
    ['62', 'Pas-de-Calais'],
    ['06', 'Alpes-Maritimes'],
    ['2A', 'Corse-du-Sud'],
    ['974', 'La Réunion'],
  ])('names %s as the official list does: %s', (code, name) => {
    expect(departmentName(code)).toBe(name);
  });

  it('knows no département 99', () => {
    expect(departmentName('99')).toBeUndefined();
  });
});
