import { describe, expect, it } from 'vitest';
import {
  chunkLines,
  escapeMrkdwn,
  formatDate,
  formatNumber,
  formatPercent,
  formatShortDate,
  plural,
  textBar,
  truncate,
} from './format.ts';

describe('French formatting', () => {
  it.each([
    ['2022-06-01', '1er juin 2022'],
    ['2022-02-28', '28 février 2022'],
    ['2023-12-31', '31 décembre 2023'],
    ['2022-13-01', '2022-13-01'],
    ['demain', 'demain'],
  ])('formatDate(%s) = %s', (iso, text) => {
    expect(formatDate(iso)).toBe(text);
  });

  it('formatShortDate', () => {
    expect(formatShortDate('2022-06-01')).toBe('01/06/2022');
  });

  it.each([
    [8030, '8 030'],
    [197000, '197 000'],
    [0, '0'],
  ])('formatNumber(%d) groups thousands with a narrow no-break space', (value, text) => {
    expect(formatNumber(value).replace(/\u202f/g, ' ')).toBe(text);
  });

  it.each([
    [0.95, '95 %'],
    [0.8129, '81,3 %'],
    [1, '100 %'],
    [0, '0 %'],
    [null, 'n/d'],
    [Number.NaN, 'n/d'],
  ])('formatPercent(%s) = %s', (rate, text) => {
    expect(formatPercent(rate)).toBe(text);
  });

  it.each([
    [0, '░░░░░░░░░░'],
    [0.5, '▓▓▓▓▓░░░░░'],
    [0.95, '▓▓▓▓▓▓▓▓▓▓'],
    [0.94, '▓▓▓▓▓▓▓▓▓░'],
    [1.7, '▓▓▓▓▓▓▓▓▓▓'],
    [-1, '░░░░░░░░░░'],
    [null, '░░░░░░░░░░'],
  ])('textBar(%s, 10) = %s', (fraction, bar) => {
    expect(textBar(fraction, 10)).toBe(bar);
  });

  it('plural follows French: 0 and 1 are singular', () => {
    expect([0, 1, 2].map((n) => plural(n, 'place libre', 'places libres'))).toEqual([
      '0 place libre',
      '1 place libre',
      '2 places libres',
    ]);
  });

  it('escapeMrkdwn neutralises mentions and links', () => {
    expect(escapeMrkdwn('<!channel> & <http://x|y>')).toBe('&lt;!channel&gt; &amp; &lt;http://x|y&gt;');
  });

  it('truncate', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });

  it('chunkLines keeps every chunk within the limit and every line', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `ligne ${i} ${'x'.repeat(40)}`);
    const chunks = chunkLines(lines, 3000);
    expect(chunks.length).toBeGreaterThan(4);
    expect(chunks.every((c) => c.length <= 3000)).toBe(true);
    expect(chunks.join('\n')).toBe(lines.join('\n'));
  });
});
