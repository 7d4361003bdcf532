import type { OccupancyResponse } from '../api-client.ts';
import { escapeMrkdwn, formatDate, formatNumber, formatPercent, textBar } from './format.ts';
import { context, header, type SlackMessage, section } from './message.ts';

/*
 * The API's occupancy (apps/api services/occupancy.ts): `days` recorded up to the night before
 * `asOf`; `rate` = days / capacityDays of the whole period; `targetRate` = days / targetDays, the
 * share of the art. 11 target already reached; the same two ratios for the projection.
 */

/** Days of care against the art. 11 target, and against capacity, with text bars. */
export function occupancyLines(o: OccupancyResponse): string[] {
  return [
    `*Objectif (art. 11)* : ${formatNumber(o.targetDays)} journées de prise en charge sur la période`,
    `*Réalisé au ${formatDate(o.asOf)}* : ${formatNumber(o.days)} journées, ${formatPercent(o.targetRate)} de l’objectif`,
    `\`${textBar(o.targetRate)}\` ${formatPercent(o.targetRate, 0)} de l’objectif`,
    `*Taux d’occupation* : ${formatPercent(o.rate)} de la capacité de la période (${formatNumber(o.capacityDays)} journées)`,
    `\`${textBar(o.rate)}\` ${formatPercent(o.rate, 0)} de la capacité`,
  ];
}

export function projectionLines(o: OccupancyResponse): string[] {
  const lines = [
    `*Projection au ${formatDate(o.period.end)}* : ${formatNumber(o.projection.days)} journées, ` +
      `${formatPercent(o.projection.targetRate)} de l’objectif (taux d’occupation ${formatPercent(o.projection.rate)})`,
    `\`${textBar(o.projection.targetRate)}\` ${formatPercent(o.projection.targetRate, 0)} de l’objectif`,
    `_${escapeMrkdwn(o.projection.basis)}_`,
  ];
  if (o.projection.days < o.targetDays) {
    lines.push(
      `⚠️ Projection sous l’objectif (${formatNumber(o.targetDays - o.projection.days)} journées manquantes) : ` +
        'la participation pourrait être réajustée, en négociation avec l’association (art. 11).',
    );
  }
  return lines;
}

/** `/tremplins occupation`: days of care against the target, rate and projection. */
export function occupancyReply(o: OccupancyResponse): SlackMessage {
  return {
    text:
      `Occupation au ${formatDate(o.asOf)} : ${formatNumber(o.days)} journées sur ${formatNumber(o.targetDays)} visées ` +
      `(${formatPercent(o.targetRate)} de l’objectif), taux ${formatPercent(o.rate)}.`,
    blocks: [
      header('occupancy-title', `Occupation — convention n°${o.conventionId}`),
      context(
        'occupancy-period',
        `Période du ${formatDate(o.period.start)} au ${formatDate(o.period.end)}, situation au ${formatDate(o.asOf)}.`,
      ),
      section('occupancy-now', occupancyLines(o).join('\n')),
      section('occupancy-projection', projectionLines(o).join('\n')),
    ],
  };
}
