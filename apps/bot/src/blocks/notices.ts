import { ApiError, ApiUnavailableError } from '../api-client.ts';
import { QUICK_FORM_EXAMPLE, QUICK_WORDS, type UnnamedCommune, type UnreadableWord } from '../quick-form.ts';
import { escapeMrkdwn } from './format.ts';
import { type SlackMessage, section } from './message.ts';

/** What a failure of the Tremplins API looks like to staff: French, no stack, no secret. */
export function apiErrorReply(error: unknown): SlackMessage {
  if (
    error instanceof ApiError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.code !== 'invalid_response'
  ) {
    const text = `⚠️ Le service Tremplins a refusé la demande (HTTP ${error.status}). Si cela se répète, prévenez l’administrateur du bot.`;
    return { text, blocks: [section('api-error', text)] };
  }
  const text =
    error instanceof ApiUnavailableError || error instanceof ApiError
      ? '⚠️ Le service Tremplins est injoignable pour le moment. Réessayez dans quelques minutes ; si cela dure, prévenez l’administrateur du bot.'
      : '⚠️ Une erreur inattendue est survenue. Réessayez dans quelques minutes.';
  return { text, blocks: [section('api-error', text)] };
}

export interface QuickFormProblems {
  unreadable: readonly UnreadableWord[];
  /** Commune-like runs given by position only (a second commune, an ambiguous name among other words). */
  unnamedCommunes?: readonly UnnamedCommune[];
  missing: readonly string[];
  problems: readonly string[];
}

/** [6, 7, 8, 9] → « mots 6 à 9 », [2, 6, 7] → « mots 2, 6 et 7 », [4] → « mot 4 ». */
export function wordPositions(positions: readonly number[]): string {
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  const items: string[] = [];
  let start = 0;
  while (start < sorted.length) {
    let end = start;
    while (end + 1 < sorted.length && (sorted[end + 1] ?? 0) === (sorted[end] ?? 0) + 1) end += 1;
    if (end - start >= 2) items.push(`${sorted[start]} à ${sorted[end]}`);
    else for (let i = start; i <= end; i++) items.push(String(sorted[i]));
    start = end + 1;
  }
  const list = items.length > 1 ? `${items.slice(0, -1).join(', ')} et ${items.at(-1)}` : (items[0] ?? '');
  return `${sorted.length > 1 ? 'mots' : 'mot'} ${list}`;
}

/** Every word of the quick form, for the error message. */
export const QUICK_VOCABULARY = QUICK_WORDS.flatMap((w) => w.words)
  .map((word) => `\`${word}\``)
  .join(' ');

/** « mots 5 et 6 : une seconde commune ? je ne la répète pas… »: positions only, never the words. */
function unnamedCommuneLine({ positions, reason, first }: UnnamedCommune): string {
  const where = wordPositions(positions);
  switch (reason) {
    case 'second':
      return (
        `• ${where} : une seconde commune ? je ne la répète pas. Une seule commune est attendue` +
        `${first && first.length > 0 ? ` (la première : ${wordPositions(first)})` : ''}.`
      );
    case 'ambiguous':
      return `• ${where} : un nom que portent plusieurs communes ; je ne le répète pas. Donnez le code INSEE de la commune d’origine.`;
    case 'postal_code':
      return `• ${where} : un code postal ; je ne le répète pas. Écrivez le nom de la commune ou son code INSEE.`;
  }
}

/**
 * A quick form the parser could not read: how many words and where (never the words: they may be a
 * name, a phone or a CAF number), commune-like runs by position, what is missing, an example and the
 * vocabulary.
 */
export function quickFormErrorReply({
  unreadable,
  unnamedCommunes = [],
  missing,
  problems,
}: QuickFormProblems): SlackMessage {
  const lines: string[] = [];
  if (unreadable.length > 0) {
    const count = unreadable.length;
    const s = count > 1 ? 's' : '';
    lines.push(
      `${count} mot${s} non reconnu${s} (${wordPositions(unreadable.map((u) => u.position))}) : je ne ${count > 1 ? 'les' : 'le'} répète pas.`,
    );
  }
  if (unreadable.length > 0 || unnamedCommunes.length > 0) {
    lines.push(
      'N’écrivez ni nom, ni numéro de téléphone, ni adresse, ni numéro CAF : la réponse n’en a pas besoin, et rien de nominatif ne doit passer par Slack.',
    );
  }
  for (const { position, suggestion } of unreadable) {
    if (suggestion) lines.push(`• mot ${position} : vouliez-vous dire \`${escapeMrkdwn(suggestion)}\` ?`);
  }
  for (const unnamed of unnamedCommunes) lines.push(unnamedCommuneLine(unnamed));
  if (missing.length > 0) lines.push(`Il manque : ${missing.join(' ; ')}.`);
  for (const problem of problems) lines.push(`• ${escapeMrkdwn(problem)}`);
  const example =
    `Exemple : \`${QUICK_FORM_EXAMPLE}\`\n` +
    `Les mots : ${QUICK_VOCABULARY}\n` +
    'Leur sens : `/tremplins aide`. Le formulaire : `/tremplins eligibilite` seul.';
  return {
    text: 'Je n’ai pas pu lire cette demande d’éligibilité.',
    blocks: [section('quick-form-problems', lines.join('\n')), section('quick-form-example', example)],
  };
}

/** A « Compléter » button that is forged, for someone else, or too old. */
export function expiredDraftReply(): SlackMessage {
  const text = 'Ce bouton a expiré ou ne vous est pas destiné. Relancez `/tremplins eligibilite`.';
  return { text, blocks: [section('draft-expired', text)] };
}
