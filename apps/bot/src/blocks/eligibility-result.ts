import type { types } from '@slack/bolt';
import type { EligibilityResult } from '@tremplins/rules';
import { fieldLabel } from '../eligibility/answers.ts';
import { escapeMrkdwn, formatDate, plural, truncate } from './format.ts';
import type { SlackMessage } from './message.ts';

export const COMPLETE_ACTION_ID = 'eligibility_complete';

const VERDICTS = {
  eligible: { icon: '✅', text: 'Éligible' },
  ineligible: { icon: '❌', text: 'Non éligible' },
  undetermined: { icon: '❔', text: 'À compléter' },
} as const;

const OUTCOME_ICONS = { passed: '✅', failed: '❌', unknown: '❔' } as const;

const CATEGORIES = {
  minor: 'place mineur (16–17 ans)',
  adult: 'place majeur (18–20 ans)',
} as const;

export interface EligibilityReplyInput {
  result: EligibilityResult;
  /** « Oignies (62637, CAHC) »: the commune as resolved, so the person can check it. */
  communeLabel: string;
  /** A line next to the commune, e.g. when the quick form read a commune outside the Pas-de-Calais. */
  communeNotice?: string;
  referenceDate: string;
  /** Sealed answers for the « Compléter » button; shown only when the verdict is undetermined. */
  draft?: string;
}

/**
 * The answer to an eligibility question: verdict, category, each criterion with its article, the
 * priority reasons and, when undetermined, the missing answers with a « Compléter » button.
 * Shows the age, never the birth date.
 */
export function eligibilityReply({
  result,
  communeLabel,
  communeNotice,
  referenceDate,
  draft,
}: EligibilityReplyInput): SlackMessage {
  const verdict = VERDICTS[result.verdict];
  const category = result.category ? CATEGORIES[result.category] : 'hors des tranches d’âge (16–20 ans)';
  const headline = `${verdict.text}${result.verdict === 'ineligible' ? '' : ` — ${category}`}`;
  const checks = result.checks.map(
    (c) => `${OUTCOME_ICONS[c.outcome]} ${escapeMrkdwn(c.label)} _(${escapeMrkdwn(c.article)})_`,
  );
  const reasons = result.priority.reasons.map(
    (r) => `• ${escapeMrkdwn(r.label)} _(${escapeMrkdwn(r.article)})_ : +${r.weight}`,
  );
  const blocks: types.KnownBlock[] = [
    {
      type: 'header',
      block_id: 'verdict',
      text: { type: 'plain_text', text: `${verdict.icon} ${headline}` },
    },
    {
      type: 'section',
      block_id: 'facts',
      fields: [
        { type: 'mrkdwn', text: `*Âge*\n${result.age === null ? 'n/d' : plural(result.age, 'an')}` },
        { type: 'mrkdwn', text: `*Catégorie*\n${category}` },
        { type: 'mrkdwn', text: `*Commune d’origine*\n${escapeMrkdwn(communeLabel)}` },
        { type: 'mrkdwn', text: `*Date de référence*\n${formatDate(referenceDate)}` },
      ],
    },
    {
      type: 'section',
      block_id: 'checks',
      text: { type: 'mrkdwn', text: truncate(`*Critères*\n${checks.join('\n')}`, 3000) },
    },
    {
      type: 'section',
      block_id: 'priority',
      text: {
        type: 'mrkdwn',
        text: truncate(
          reasons.length > 0
            ? `*Priorité* (score ${result.priority.score})\n${reasons.join('\n')}`
            : '*Priorité*\nAucun critère de priorité établi.',
          3000,
        ),
      },
    },
  ];
  if (communeNotice) {
    // Next to the commune: the person checks that a first name was not read as the commune.
    blocks.splice(2, 0, {
      type: 'context',
      block_id: 'commune-check',
      elements: [{ type: 'mrkdwn', text: `⚠️ ${escapeMrkdwn(communeNotice)}` }],
    });
  }
  if (result.verdict === 'undetermined' && result.missingFacts.length > 0) {
    blocks.push({
      type: 'section',
      block_id: 'missing',
      text: {
        type: 'mrkdwn',
        text: truncate(`*Réponses manquantes* : ${result.missingFacts.map(fieldLabel).join(', ')}.`, 3000),
      },
    });
    if (draft) {
      blocks.push({
        type: 'actions',
        block_id: 'complete',
        elements: [
          {
            type: 'button',
            action_id: COMPLETE_ACTION_ID,
            style: 'primary',
            text: { type: 'plain_text', text: 'Compléter' },
            value: draft,
          },
        ],
      });
    }
  }
  blocks.push({
    type: 'context',
    block_id: 'advice',
    elements: [
      {
        type: 'mrkdwn',
        text:
          'Avis consultatif : la commission d’admission décide (art. 6 ; RGPD art. 22). ' +
          `Règles ${escapeMrkdwn(result.ruleSet.id)} v${escapeMrkdwn(result.ruleSet.version)}.`,
      },
    ],
  });
  const missing =
    result.verdict === 'undetermined' ? ` Manque : ${result.missingFacts.map(fieldLabel).join(', ')}.` : '';
  return { text: `Éligibilité : ${headline.toLowerCase()}.${missing}`, blocks };
}
