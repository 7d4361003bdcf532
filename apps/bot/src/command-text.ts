import { nearMiss } from './near-miss.ts';
import { normalizeWord } from './quick-form.ts';

export type Subcommand = 'eligibilite' | 'places' | 'occupation' | 'echeances' | 'aide';

/**
 * An unknown subcommand keeps no trace of the word typed (it may be a name: `/tremplins Dupont …`),
 * only the subcommand it is a near miss of, if any.
 */
export type ParsedCommand = { name: Subcommand; rest: string } | { name: 'unknown'; suggestion?: Subcommand };

const ALIASES: Readonly<Record<string, Subcommand>> = {
  eligibilite: 'eligibilite',
  eligible: 'eligibilite',
  places: 'places',
  place: 'places',
  occupation: 'occupation',
  echeances: 'echeances',
  echeance: 'echeances',
  aide: 'aide',
  help: 'aide',
};

/** `/tremplins <subcommand> <rest>`: accents and case are ignored; nothing at all is the help. */
export function parseCommandText(text: string): ParsedCommand {
  const trimmed = text.trim();
  if (trimmed === '') return { name: 'aide', rest: '' };
  const [first = '', ...others] = trimmed.split(/\s+/);
  const name = ALIASES[normalizeWord(first)];
  if (!name) {
    const near = nearMiss(normalizeWord(first), Object.keys(ALIASES));
    const suggestion = near === undefined ? undefined : ALIASES[near];
    return suggestion ? { name: 'unknown', suggestion } : { name: 'unknown' };
  }
  return { name, rest: others.join(' ') };
}
