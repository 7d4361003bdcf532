import { createRequire } from 'node:module';
import { z } from 'zod';
import { DomainError } from '../errors.ts';

/** SIREN of the Communauté d'Agglomération d'Hénin-Carvin. 246200364 is the CA de Lens-Liévin, not the CAHC. */
export const CAHC_SIREN = '246200299';

const INSEE_CODE_PATTERN = /^(\d{5}|2[AB]\d{3})$/;

export const InseeCodeSchema = z
  .string()
  .regex(INSEE_CODE_PATTERN, 'must be a 5-character INSEE (COG) commune code, e.g. 62427 or 2A004')
  .meta({
    id: 'InseeCode',
    description:
      'INSEE (COG) code of a commune. Not a postal code: 62320 is Étrun, while postal code 62320 covers four communes.',
  });

export const CommuneSchema = z
  .object({
    inseeCode: InseeCodeSchema,
    name: z.string().min(1),
    postalCodes: z.array(z.string().regex(/^\d{5}$/, 'must be a 5-digit postal code')),
    departmentCode: z.string().regex(/^(\d{2,3}|2[AB])$/, 'must be a department code, e.g. 62, 2A or 974'),
    epci: z
      .object({
        siren: z.string().regex(/^\d{9}$/, 'must be 9 digits, without spaces'),
        name: z.string().min(1),
      })
      .nullable(),
  })
  .meta({ id: 'Commune', description: 'A current commune (COG) and the EPCI it belongs to, if any.' });

export type Commune = z.infer<typeof CommuneSchema>;

/** What an error lists so a form can offer the choices. */
export interface CommuneCandidate {
  inseeCode: string;
  name: string;
  departmentCode: string;
}

/**
 * Key for matching names typed by people: case, accents, ligatures and punctuation are ignored, so
 * "EVIN MALMAISON", "Évin-Malmaison" and "evin malmaison" meet, as do "Noeux les Mines" and
 * "Nœux-les-Mines". "St" is deliberately NOT expanded to "Saint": the official names always spell it out,
 * and guessing abbreviations would create matches nobody can explain.
 */
export function normalizeCommuneName(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      // NFD leaves ligatures whole, so they are spelled out by hand.
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae')
      // Apostrophes (straight or curly), hyphens, dots and parentheses all separate words the same way.
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
  );
}

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement: string;
  codesPostaux?: string[];
}

interface RawEpci {
  code: string;
  nom: string;
  membres: { code: string }[];
}

interface Indexes {
  byCode: Map<string, Commune>;
  byName: Map<string, Commune[]>;
  byPostalCode: Map<string, Commune[]>;
  cahc: Commune[];
}

let indexes: Indexes | undefined;

// The 8.6 MB file is read on first use only: most importers of the domain package never touch communes.
function load(): Indexes {
  if (indexes) return indexes;
  const require = createRequire(import.meta.url);
  const rawCommunes = require('@etalab/decoupage-administratif/data/communes.json') as RawCommune[];
  const rawEpcis = require('@etalab/decoupage-administratif/data/epci.json') as RawEpci[];

  const epciByMember = new Map<string, { siren: string; name: string }>();
  for (const epci of rawEpcis) {
    const ref = Object.freeze({ siren: epci.code, name: epci.nom });
    for (const member of epci.membres) epciByMember.set(member.code, ref);
  }

  const byCode = new Map<string, Commune>();
  const byName = new Map<string, Commune[]>();
  const byPostalCode = new Map<string, Commune[]>();
  for (const raw of rawCommunes) {
    // Delegated and associated communes reuse codes and names of current ones; they cannot be a residence.
    if (raw.type !== 'commune-actuelle') continue;
    // Frozen because the same objects are handed to every caller and kept in the cache.
    const commune: Commune = Object.freeze({
      inseeCode: raw.code,
      name: raw.nom,
      postalCodes: Object.freeze([...(raw.codesPostaux ?? [])]) as string[],
      departmentCode: raw.departement,
      epci: epciByMember.get(raw.code) ?? null,
    });
    byCode.set(commune.inseeCode, commune);
    pushTo(byName, normalizeCommuneName(commune.name), commune);
    for (const postalCode of commune.postalCodes) pushTo(byPostalCode, postalCode, commune);
  }

  const cahc = [...byCode.values()].filter((c) => c.epci?.siren === CAHC_SIREN).sort(byFrenchName);
  indexes = { byCode, byName, byPostalCode, cahc };
  return indexes;
}

let departments: Map<string, string> | undefined;

/**
 * The name of a département (or overseas collectivity) from its COG code, as the official list spells it
 * (« Alpes-Maritimes » for 06); undefined for a code that is none.
 */
export function departmentName(code: string): string | undefined {
  if (!departments) {
    const raw = createRequire(import.meta.url)('@etalab/decoupage-administratif/data/departements.json') as {
      code: string;
      nom: string;
    }[];
    departments = new Map(raw.map((d) => [d.code, d.nom]));
  }
  return departments.get(code);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const collator = new Intl.Collator('fr');
function byFrenchName(a: Commune, b: Commune): number {
  return collator.compare(a.name, b.name) || a.inseeCode.localeCompare(b.inseeCode);
}

function candidate(commune: Commune): CommuneCandidate {
  return { inseeCode: commune.inseeCode, name: commune.name, departmentCode: commune.departmentCode };
}

function label(commune: Commune): string {
  return `${commune.name} (${commune.inseeCode}, ${commune.departmentCode})`;
}

/** The current commune with this INSEE code, or undefined. Never interprets the code as a postal code. */
export function findCommuneByInseeCode(code: string): Commune | undefined {
  return load().byCode.get(code) ?? load().byCode.get(code.trim().toUpperCase());
}

/** Current communes served by a postal code, by name. A postal code may span several EPCIs (62320 does). */
export function communesByPostalCode(postalCode: string): Commune[] {
  return [...(load().byPostalCode.get(postalCode.trim()) ?? [])].sort(byFrenchName);
}

/** The 14 CAHC communes, by name, e.g. to list them first in a form. */
export function cahcCommunes(): Commune[] {
  return [...load().cahc];
}

/**
 * Whether a commune belongs to the CAHC, from EPCI membership data. Never from a postal code: 62320 is
 * shared by three CAHC communes and Acheville (CA de Lens-Liévin). A string is taken as an INSEE code.
 */
export function isInCahc(commune: Commune | string): boolean {
  const resolved = typeof commune === 'string' ? resolveCommune({ inseeCode: commune }) : commune;
  return resolved.epci?.siren === CAHC_SIREN;
}

export type CommuneQuery = string | { inseeCode: string };

// Bounded because queries come from free text; clearing is crude but keeps memory flat under any input.
const MAX_CACHED_QUERIES = 20_000;
const resolvedByQuery = new Map<string, Commune>();

/**
 * Resolves what a person or a file gave as a commune.
 *
 * - `{ inseeCode }`: strict lookup by INSEE code (what API fields and stored records should use).
 * - A string shaped like an INSEE code: that commune (the field is documented as "an INSEE code or a
 *   name"). Trap, documented in the README: a CAHC postal code is often another commune's INSEE code
 *   (62590, Oignies' postal code, is Monts-en-Ternois), so forms should offer a list, not a free code.
 * - A 5-digit string that is only a postal code: refused, with the communes it covers as candidates.
 * - Otherwise a name, matched with {@link normalizeCommuneName}. Several matches: the only one in the
 *   Pas-de-Calais wins ("Drocourt" is 62277, not 78202); otherwise refused as ambiguous.
 *
 * @throws DomainError `invalid_input` (blank), `unknown_commune`, `ambiguous_commune`; failures carry
 *   `details.candidates` (`CommuneCandidate[]`) when there is something to offer.
 */
export function resolveCommune(query: CommuneQuery): Commune {
  if (typeof query === 'object' && query !== null) return resolveInseeCode(query.inseeCode);
  if (typeof query !== 'string') {
    throw new DomainError('invalid_input', 'commune: expected a name, an INSEE code or { inseeCode }', {
      issues: [{ path: 'commune', message: 'expected a name, an INSEE code or { inseeCode }' }],
    });
  }
  const cached = resolvedByQuery.get(query);
  if (cached) return cached;
  const commune = resolveText(query);
  if (resolvedByQuery.size >= MAX_CACHED_QUERIES) resolvedByQuery.clear();
  resolvedByQuery.set(query, commune);
  return commune;
}

function blank(): DomainError {
  return new DomainError('invalid_input', 'commune: must not be blank', {
    issues: [{ path: 'commune', message: 'must not be blank' }],
  });
}

function resolveInseeCode(code: unknown): Commune {
  if (typeof code !== 'string') {
    throw new DomainError('invalid_input', 'commune.inseeCode: expected a string', {
      issues: [{ path: 'commune.inseeCode', message: 'expected a string' }],
    });
  }
  const commune = findCommuneByInseeCode(code);
  if (commune) return commune;
  const trimmed = code.trim().toUpperCase();
  if (trimmed === '') throw blank();
  if (!INSEE_CODE_PATTERN.test(trimmed)) {
    throw new DomainError('invalid_input', `commune.inseeCode: "${code}" is not shaped like an INSEE code`, {
      issues: [{ path: 'commune.inseeCode', message: 'must be a 5-character INSEE (COG) commune code' }],
    });
  }
  throw new DomainError('unknown_commune', `commune: no current commune has INSEE code ${trimmed}`, {
    details: { inseeCode: trimmed, candidates: [] },
  });
}

function resolveText(query: string): Commune {
  const trimmed = query.trim();
  if (trimmed === '') throw blank();
  const { byCode, byName, byPostalCode } = load();

  const code = trimmed.toUpperCase();
  if (INSEE_CODE_PATTERN.test(code)) {
    // The field is documented as "an INSEE code or a name": a code-shaped string is read as an INSEE
    // code first. Only a string that is no INSEE code but a postal code is refused, with the
    // communes it covers, because a postal code never decides CAHC membership (62320 covers Acheville).
    const commune = byCode.get(code);
    if (commune) return commune;
    const servedByPostalCode = byPostalCode.get(code) ?? [];
    if (servedByPostalCode.length > 0) {
      const candidates = [...servedByPostalCode].sort(byFrenchName).map(candidate);
      throw new DomainError(
        'unknown_commune',
        `commune: "${trimmed}" is a postal code, not an INSEE code; a postal code is not accepted because ` +
          `it can cover several communes (${candidates.map((c) => `${c.name} (${c.inseeCode}, ${c.departmentCode})`).join(', ')}); ` +
          'give an INSEE code or a name',
        { details: { postalCode: trimmed, candidates } },
      );
    }
    throw new DomainError(
      'unknown_commune',
      `commune: "${trimmed}" is neither an INSEE code nor a postal code`,
      {
        details: { candidates: [] },
      },
    );
  }

  const matches = byName.get(normalizeCommuneName(trimmed)) ?? [];
  const [only] = matches;
  if (only && matches.length === 1) return only;
  if (matches.length === 0) {
    throw new DomainError('unknown_commune', `commune: no current commune is named "${trimmed}"`, {
      details: { candidates: [] },
    });
  }
  // The convention is the Pas-de-Calais's: a homonym there is what the person meant.
  const inPasDeCalais = matches.filter((c) => c.departmentCode === '62');
  const [local] = inPasDeCalais;
  if (local && inPasDeCalais.length === 1) return local;
  const sorted = [...matches].sort(byFrenchName);
  throw new DomainError(
    'ambiguous_commune',
    `commune: "${trimmed}" matches ${matches.length} communes: ${sorted.map(label).join(', ')}; give the INSEE code`,
    { details: { candidates: sorted.map(candidate) } },
  );
}
