import { normalizeWord } from './quick-form.ts';

export type Subcommand = 'eligibilite' | 'places' | 'occupation' | 'echeances' | 'aide';

export type ParsedCommand = { name: Subcommand; rest: string } | { name: 'unknown'; word: string };

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
  if (!name) return { name: 'unknown', word: first };
  return { name, rest: others.join(' ') };
}
