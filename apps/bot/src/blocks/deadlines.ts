import type { types } from '@slack/bolt';
import { addDays } from '@tremplins/domain';
import type { Deadline, DeadlineKind, DeadlinesResponse } from '../api-client.ts';
import { chunkLines, escapeMrkdwn, formatDate, formatShortDate, plural } from './format.ts';
import { context, header, type SlackMessage, section } from './message.ts';

export const KIND_TITLES: Record<DeadlineKind, string> = {
  report_due: '📄 Rapports à remettre',
  stay_ending: '🏠 Fins de séjour',
  turns_18: '🎂 Majorité (18 ans)',
  turns_21: '🔚 21 ans (fin de l’âge d’accueil)',
};

const KIND_ORDER: readonly DeadlineKind[] = ['report_due', 'stay_ending', 'turns_18', 'turns_21'];

/** Lines per kind in a message; the rest is counted, so a busy month never breaks the 50-block limit. */
const MAX_LINES_PER_KIND = 40;

/** One deadline, with pseudonymous ids only (the API never sends names here). */
export function deadlineLine(deadline: Deadline): string {
  const ids = [
    deadline.beneficiaryId ? `bénéficiaire \`${escapeMrkdwn(deadline.beneficiaryId)}\`` : null,
    deadline.stayId ? `séjour \`${escapeMrkdwn(deadline.stayId)}\`` : null,
    deadline.placeId ? `place \`${escapeMrkdwn(deadline.placeId)}\`` : null,
  ].filter((part) => part !== null);
  const articles = deadline.articles.length > 0 ? ` _(${escapeMrkdwn(deadline.articles.join(', '))})_` : '';
  const who = ids.length > 0 ? ` · ${ids.join(', ')}` : '';
  return `• *${formatShortDate(deadline.dueOn)}* — ${escapeMrkdwn(deadline.label)}${who}${articles}`;
}

/** Sections grouped by kind, in kind order then date; block ids start with `prefix`. */
export function deadlineSections(
  deadlines: readonly Deadline[],
  prefix: string,
  maxPerKind = MAX_LINES_PER_KIND,
): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [];
  for (const kind of KIND_ORDER) {
    const ofKind = deadlines.filter((d) => d.kind === kind).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
    if (ofKind.length === 0) continue;
    const lines = ofKind.slice(0, maxPerKind).map(deadlineLine);
    if (ofKind.length > maxPerKind) lines.push(`… et ${plural(ofKind.length - maxPerKind, 'autre')}.`);
    chunkLines([`*${KIND_TITLES[kind]}*`, ...lines]).forEach((text, index) => {
      blocks.push(section(`${prefix}-${kind}-${index}`, text));
    });
  }
  return blocks;
}

function windowText(response: DeadlinesResponse): string {
  return `du ${formatDate(response.asOf)} au ${formatDate(addDays(response.asOf, response.withinDays))}`;
}

/** `/tremplins echeances`: reports due, stays ending, minors turning 18, adults turning 21. */
export function deadlinesReply(response: DeadlinesResponse): SlackMessage {
  return deadlinesMessage(response, `Échéances ${windowText(response)}`, 'deadlines');
}

/** The daily reminder posted to the alert channel: same content, its own title. */
export function reminderMessage(response: DeadlinesResponse): SlackMessage {
  return deadlinesMessage(response, `⏰ Échéances des ${response.withinDays} prochains jours`, 'reminder');
}

function deadlinesMessage(response: DeadlinesResponse, title: string, prefix: string): SlackMessage {
  const count = response.deadlines.length;
  const blocks: types.KnownBlock[] = [header(`${prefix}-title`, title)];
  if (count === 0) {
    blocks.push(section(`${prefix}-none`, `Aucune échéance ${windowText(response)}.`));
  } else {
    blocks.push(...deadlineSections(response.deadlines, prefix));
  }
  blocks.push(
    context(
      `${prefix}-note`,
      `Convention n°${response.conventionId}. Identifiants pseudonymes uniquement ; le dossier nominatif reste chez l’association (art. 13).`,
    ),
  );
  return {
    text: `${plural(count, 'échéance')} ${windowText(response)}.`,
    blocks: blocks.slice(0, 50),
  };
}
