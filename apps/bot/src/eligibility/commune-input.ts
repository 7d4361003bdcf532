import {
  type Commune,
  type CommuneCandidate,
  cahcCommunes,
  communesByPostalCode,
  DomainError,
  departmentName,
  findCommuneByInseeCode,
  isInCahc,
  resolveCommune,
} from '@tremplins/domain';
import { nearMiss } from '../near-miss.ts';

export type CommuneReading =
  | { ok: true; commune: Commune }
  | { ok: false; reason: 'empty' | 'postal_code' | 'unknown' | 'ambiguous'; message: string };

const MAX_CANDIDATES = 5;

function listCandidates(candidates: readonly CommuneCandidate[]): string {
  const shown = candidates
    .slice(0, MAX_CANDIDATES)
    .map((c) => `${c.name} (${c.inseeCode}, dép. ${c.departmentCode})`);
  const more = candidates.length - shown.length;
  return more > 0 ? `${shown.join(', ')} et ${more} autre(s)` : shown.join(', ');
}

let cahcByKey: ReadonlyMap<string, string> | undefined;

/** A commune name as a near-miss key: lower case, no accents, spaces and dashes as `-`. */
function communeKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\s‐‑‒–—_]+/g, '-');
}

/**
 * The CAHC commune `text` is a near miss of (« Oignie » → Oignies), as the commune's own name; never
 * `text` itself. Only letters, spaces and dashes can be a near miss.
 */
export function suggestCahcCommune(text: string): string | undefined {
  cahcByKey ??= new Map(cahcCommunes().map((c) => [communeKey(c.name), c.name] as const));
  const key = nearMiss(communeKey(text), [...cahcByKey.keys()]);
  return key === undefined ? undefined : cahcByKey.get(key);
}

/**
 * Reads a commune typed by a person: a name (any case, accents optional) or an INSEE code.
 *
 * A 5-digit value that is a postal code is refused even when it is also some INSEE code: 62590 is
 * Oignies' postal code and Monts-en-Ternois' INSEE code, and the person typing it meant Oignies. A
 * postal code never decides CAHC membership (62320 covers Acheville, outside the CAHC), so the
 * answer asks for the name instead of guessing. Messages are French, for the form, and never repeat
 * what was typed (it may be a name or an address typed in the wrong field): they name known communes
 * only (those a postal code covers, the candidates of an ambiguous name, a CAHC near miss).
 */
export function readCommune(text: string): CommuneReading {
  const trimmed = text.trim();
  if (trimmed === '')
    return { ok: false, reason: 'empty', message: 'Indiquez la commune d’origine (nom ou code INSEE).' };
  const digits = trimmed.replace(/\s+/g, '');
  if (/^\d{5}$/.test(digits)) {
    const served = communesByPostalCode(digits);
    if (served.length > 0) {
      const alsoInsee = findCommuneByInseeCode(digits);
      const insee = alsoInsee ? ` ; c’est aussi le code INSEE de ${alsoInsee.name}` : '';
      return {
        ok: false,
        reason: 'postal_code',
        message:
          `Ce code postal ne suffit pas : il désigne ${listCandidates(served.map(candidateOf))}${insee}. ` +
          'Écrivez le nom de la commune ou son code INSEE.',
      };
    }
  }
  try {
    return { ok: true, commune: resolveCommune(/^\d{5}$/.test(digits) ? digits : trimmed) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const candidates = (error.details.candidates ?? []) as CommuneCandidate[];
    if (error.code === 'ambiguous_commune') {
      return {
        ok: false,
        reason: 'ambiguous',
        message: `Ce nom désigne plusieurs communes : ${listCandidates(candidates)}. Donnez son code INSEE.`,
      };
    }
    const suggestion = suggestCahcCommune(trimmed);
    return {
      ok: false,
      reason: 'unknown',
      message:
        'Commune introuvable. ' +
        (suggestion ? `Vouliez-vous dire ${suggestion} ? ` : '') +
        'Écrivez son nom complet (ex. Hénin-Beaumont) ou son code INSEE (ex. 62427).',
    };
  }
}

function candidateOf(commune: Commune): CommuneCandidate {
  return { inseeCode: commune.inseeCode, name: commune.name, departmentCode: commune.departmentCode };
}

/** « Oignies (62637, CAHC) », as shown in replies; the commune of origin is no personal data (art. 13). */
export function communeLabel(commune: Commune): string {
  return `${commune.name} (${commune.inseeCode}${isInCahc(commune) ? ', CAHC' : ''})`;
}

/**
 * For a commune read from the quick form outside the Pas-de-Calais, the line shown next to it: a first
 * name or a surname can be a commune name (Marie is a commune of the Alpes-Maritimes), so the person
 * checks what was read. « Commune lue : Marie (06080, Alpes-Maritimes) — si c’est un prénom, … ».
 */
export function communeCheckNotice(commune: Commune): string | undefined {
  if (commune.departmentCode === '62') return undefined;
  return (
    `Commune lue : ${commune.name} (${commune.inseeCode}, ${departmentName(commune.departmentCode) ?? `dép. ${commune.departmentCode}`}) — ` +
    'si c’est un prénom, retirez-le : ne saisissez jamais de nom.'
  );
}
