import { ApiError, ApiUnavailableError } from '../api-client.ts';
import { QUICK_FORM_EXAMPLE } from '../quick-form.ts';
import { escapeMrkdwn, truncate } from './format.ts';
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
  unreadable: readonly string[];
  missing: readonly string[];
  problems: readonly string[];
}

/** A quick form the parser could not read: which words, what is missing, and an example. */
export function quickFormErrorReply({ unreadable, missing, problems }: QuickFormProblems): SlackMessage {
  const lines: string[] = [];
  if (unreadable.length > 0) {
    lines.push(
      `Je n’ai pas compris : ${unreadable.map((w) => `« ${escapeMrkdwn(truncate(w, 40))} »`).join(', ')}.`,
    );
  }
  if (missing.length > 0) lines.push(`Il manque : ${missing.join(' ; ')}.`);
  for (const problem of problems) lines.push(`• ${escapeMrkdwn(problem)}`);
  const example =
    `Exemple : \`${QUICK_FORM_EXAMPLE}\`\n` +
    'La liste des mots : `/tremplins aide`. Le formulaire : `/tremplins eligibilite` seul.';
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
