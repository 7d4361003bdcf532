/** French formatting for messages: dates, numbers, percentages and text bars. Pure functions. */

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** `2022-06-01` → « 1er juin 2022 »; anything else is returned as given. */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return iso;
  const day = Number(match[3]);
  return `${day === 1 ? '1er' : day} ${month} ${match[1]}`;
}

/** `2022-06-01` → « 01/06/2022 », for tight lists. */
export function formatShortDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

const INTEGER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/** 8030 → « 8 030 » (narrow no-break space, as French typography wants). */
export function formatNumber(value: number): string {
  return INTEGER.format(value);
}

/** 0.9512 → « 95,1 % »; null → « n/d ». A rate is a fraction of 1. */
export function formatPercent(rate: number | null, digits = 1): string {
  if (rate === null || !Number.isFinite(rate)) return 'n/d';
  const text = (rate * 100).toFixed(digits).replace('.', ',').replace(/,0+$/, '');
  return `${text} %`;
}

/** « ▓▓▓▓▓░░░░░ » for a fraction of 1 (clamped), `width` cells; null is all empty. */
export function textBar(fraction: number | null, width = 20): string {
  const clamped = fraction === null || !Number.isFinite(fraction) ? 0 : Math.min(1, Math.max(0, fraction));
  const full = Math.round(clamped * width);
  return '▓'.repeat(full) + '░'.repeat(width - full);
}

/** « 1 place libre », « 3 places libres ». */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(count)} ${count === 1 || count === 0 ? singular : pluralForm}`;
}

/** Escapes the three characters Slack's mrkdwn reserves, for text that comes from elsewhere. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts a text to `max` characters, with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Joins lines into texts of at most `max` characters each (one section per text). */
export function chunkLines(lines: readonly string[], max = 3000): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncate(raw, max);
    if (current && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = line;
    } else {
      current = current ? `${current}\n${line}` : line;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
