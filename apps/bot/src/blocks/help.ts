import type { types } from '@slack/bolt';
import { QUICK_FORM_EXAMPLE, QUICK_WORDS } from '../quick-form.ts';
import { chunkLines, escapeMrkdwn } from './format.ts';
import { context, header, type SlackMessage, section } from './message.ts';

export const COMMAND_HELP: readonly { usage: string; description: string }[] = [
  { usage: '/tremplins eligibilite', description: 'ouvre le formulaire d’éligibilité d’un jeune' },
  { usage: QUICK_FORM_EXAMPLE, description: 'même question sans formulaire (mots ci-dessous)' },
  { usage: '/tremplins places', description: 'places libres par catégorie et par appartement' },
  {
    usage: '/tremplins occupation',
    description: 'journées de prise en charge, taux et projection (art. 11)',
  },
  { usage: '/tremplins echeances', description: 'rapports dus, fins de séjour, 18 ans, 21 ans (30 jours)' },
  { usage: '/tremplins aide', description: 'cette aide' },
];

/** An unknown subcommand: only the known subcommand it is close to, never what was typed. */
export interface UnknownSubcommand {
  suggestion?: string;
}

/**
 * `/tremplins aide`, also the answer to an unknown subcommand: the first line says so without
 * repeating it (it may be a name), with the subcommand it is close to, if any.
 */
export function helpReply(unknown?: UnknownSubcommand): SlackMessage {
  const blocks: types.KnownBlock[] = [header('help-title', 'Tremplins — aide')];
  if (unknown !== undefined) {
    const near = unknown.suggestion
      ? ` Vouliez-vous dire \`/tremplins ${escapeMrkdwn(unknown.suggestion)}\` ?`
      : '';
    blocks.push(
      section('help-unknown', `Je ne connais pas cette sous-commande.${near} Voici ce que je sais faire :`),
    );
  }
  blocks.push(
    section('help-commands', COMMAND_HELP.map((c) => `• \`${c.usage}\` : ${c.description}`).join('\n')),
    ...chunkLines([
      '*Réponse rapide* : une date de naissance (`AAAA-MM-JJ` ou `JJ/MM/AAAA`), la commune d’origine (nom, même en plusieurs mots, ou code INSEE ; pas de code postal) et ces mots, dans n’importe quel ordre :',
      ...QUICK_WORDS.map((w) => `• ${w.words.map((word) => `\`${word}\``).join(' ou ')} : ${w.meaning}`),
      'Obligatoires : la date, la commune, la situation à l’ASE et le parcours (`formation` ou `sans-formation`). Les autres réponses, absentes, restent « inconnues ».',
    ]).map((text, index) => section(`help-words-${index}`, text)),
    context(
      'help-privacy',
      'Les réponses ne sont visibles que par vous. Le bot ne demande ni n’affiche aucun nom, adresse, téléphone ou numéro CAF ; il donne un avis, la commission d’admission décide.',
    ),
  );
  return {
    text: unknown === undefined ? 'Aide de /tremplins.' : 'Sous-commande inconnue : aide de /tremplins.',
    blocks,
  };
}
