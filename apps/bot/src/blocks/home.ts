import type { types } from '@slack/bolt';
import type { DeadlinesResponse, OccupancyResponse, PlacesResponse } from '../api-client.ts';
import { deadlineSections } from './deadlines.ts';
import { formatDate, plural } from './format.ts';
import { context, divider, header, section } from './message.ts';
import { occupancyLines, projectionLines } from './occupancy.ts';
import { placesSections, placesSummaryText, summarizePlaces } from './places.ts';

/** Each part of the Home tab arrives on its own: one API failure leaves the other parts readable. */
export type Part<T> = { ok: true; value: T } | { ok: false };

export interface HomeInput {
  asOf: string;
  occupancy: Part<OccupancyResponse>;
  places: Part<PlacesResponse>;
  deadlines: Part<DeadlinesResponse>;
}

const NEXT_DEADLINES = 10;
const UNAVAILABLE =
  '⚠️ Le service Tremplins est injoignable : ces données ne sont pas disponibles pour le moment.';

/** The App Home: occupancy against the target, free places and the next deadlines. Within 100 blocks. */
export function homeView({ asOf, occupancy, places, deadlines }: HomeInput): types.HomeView {
  const blocks: types.KnownBlock[] = [
    header('home-title', 'Tremplins — convention n°2022-417'),
    context(
      'home-asof',
      `Situation au ${formatDate(asOf)} · Département du Pas-de-Calais × association « Rencontres et Loisirs ».`,
    ),
    header('home-occupancy-title', 'Occupation'),
  ];
  if (occupancy.ok) {
    blocks.push(
      section(
        'home-occupancy',
        [...occupancyLines(occupancy.value), ...projectionLines(occupancy.value)].join('\n'),
      ),
    );
  } else {
    blocks.push(section('home-occupancy', UNAVAILABLE));
  }

  blocks.push(divider('home-divider-1'), header('home-places-title', 'Places libres'));
  if (places.ok) {
    blocks.push(section('home-places', placesSummaryText(summarizePlaces(places.value.places))));
    blocks.push(...placesSections(places.value.places, 'home-places'));
  } else {
    blocks.push(section('home-places', UNAVAILABLE));
  }

  blocks.push(divider('home-divider-2'), header('home-deadlines-title', 'Prochaines échéances'));
  if (deadlines.ok) {
    const next = [...deadlines.value.deadlines]
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
      .slice(0, NEXT_DEADLINES);
    if (next.length === 0) {
      blocks.push(
        section('home-deadlines', `Aucune échéance dans les ${deadlines.value.withinDays} prochains jours.`),
      );
    } else {
      blocks.push(...deadlineSections(next, 'home-deadlines'));
      const more = deadlines.value.deadlines.length - next.length;
      if (more > 0) {
        blocks.push(
          context('home-deadlines-more', `… et ${plural(more, 'autre')} : \`/tremplins echeances\`.`),
        );
      }
    }
  } else {
    blocks.push(section('home-deadlines', UNAVAILABLE));
  }

  blocks.push(
    divider('home-divider-3'),
    context(
      'home-help',
      '`/tremplins eligibilite` : éligibilité d’un jeune · `/tremplins places` · `/tremplins occupation` · ' +
        '`/tremplins echeances` · `/tremplins aide`. Identifiants pseudonymes uniquement.',
    ),
  );
  return { type: 'home', blocks: blocks.slice(0, 100) };
}
