import type { types } from '@slack/bolt';
import type { PlacesResponse, PlaceView } from '../api-client.ts';
import { chunkLines, escapeMrkdwn, formatDate, formatNumber, plural } from './format.ts';
import { context, header, type SlackMessage, section } from './message.ts';

type Category = PlaceView['category'];

const CATEGORY_TITLES: Record<Category, string> = {
  adult: 'Places majeurs (18–20 ans)',
  minor: 'Places mineurs (16–17 ans)',
};

export interface PlacesSummary {
  total: number;
  free: number;
  byCategory: Record<Category, { total: number; free: number }>;
}

export function summarizePlaces(places: readonly PlaceView[]): PlacesSummary {
  const byCategory = { adult: { total: 0, free: 0 }, minor: { total: 0, free: 0 } };
  for (const place of places) {
    byCategory[place.category].total += 1;
    if (!place.occupied) byCategory[place.category].free += 1;
  }
  return {
    total: places.length,
    free: byCategory.adult.free + byCategory.minor.free,
    byCategory,
  };
}

const collator = new Intl.Collator('fr', { numeric: true });

/** One line per apartment: free places out of its places, with the free places' ids. */
export function apartmentLines(places: readonly PlaceView[]): string[] {
  const apartments = new Map<string, { label: string; places: PlaceView[] }>();
  for (const place of places) {
    const key = place.apartmentId ?? '';
    const label = place.apartmentId
      ? `${place.apartmentLabel ?? place.apartmentId}${place.commune ? ` — ${place.commune.name}` : ''}`
      : 'Sans appartement attribué';
    const entry = apartments.get(key) ?? { label, places: [] };
    entry.places.push(place);
    apartments.set(key, entry);
  }
  return [...apartments.values()]
    .sort((a, b) => collator.compare(a.label, b.label))
    .map(({ label, places: inside }) => {
      const free = inside
        .filter((p) => !p.occupied)
        .map((p) => p.id)
        .sort(collator.compare);
      const ids = free.length > 0 ? ` : ${free.map((id) => `\`${escapeMrkdwn(id)}\``).join(', ')}` : '';
      return `• ${escapeMrkdwn(label)} — ${formatNumber(free.length)} sur ${formatNumber(inside.length)}${ids}`;
    });
}

export function placesSummaryText(summary: PlacesSummary): string {
  const { adult, minor } = summary.byCategory;
  return (
    `*${plural(summary.free, 'place libre', 'places libres')} sur ${formatNumber(summary.total)}* — ` +
    `majeurs : ${formatNumber(adult.free)} sur ${formatNumber(adult.total)} · ` +
    `mineurs : ${formatNumber(minor.free)} sur ${formatNumber(minor.total)}`
  );
}

/** Sections per category, listing apartments; block ids start with `prefix`. */
export function placesSections(places: readonly PlaceView[], prefix: string): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [];
  for (const category of ['adult', 'minor'] as const) {
    const inCategory = places.filter((p) => p.category === category);
    if (inCategory.length === 0) continue;
    const free = inCategory.filter((p) => !p.occupied).length;
    const title = `*${CATEGORY_TITLES[category]}* : ${formatNumber(free)} libre${free > 1 ? 's' : ''} sur ${formatNumber(inCategory.length)}`;
    chunkLines([title, ...apartmentLines(inCategory)]).forEach((text, index) => {
      blocks.push(section(`${prefix}-${category}-${index}`, text));
    });
  }
  return blocks;
}

/** `/tremplins places`: free places by category and apartment at a date. */
export function placesReply(response: PlacesResponse): SlackMessage {
  const summary = summarizePlaces(response.places);
  const blocks: types.KnownBlock[] = [
    header('places-title', `Places libres au ${formatDate(response.asOf)}`),
  ];
  if (response.places.length === 0) {
    blocks.push(section('places-none', 'Aucune place n’existe à cette date.'));
  } else {
    blocks.push(section('places-summary', placesSummaryText(summary)));
    blocks.push(...placesSections(response.places, 'places'));
  }
  blocks.push(
    context('places-note', 'Convention n°2022-417. Une place libre est listée par son identifiant.'),
  );
  return {
    text: `${plural(summary.free, 'place libre', 'places libres')} sur ${formatNumber(summary.total)} au ${formatDate(response.asOf)}.`,
    blocks: blocks.slice(0, 50),
  };
}
