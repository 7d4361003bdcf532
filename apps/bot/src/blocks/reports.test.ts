// /tremplins places, occupation, echeances and the daily reminder, from API-shaped data.
import { describe, expect, it } from 'vitest';
import { deadline, deadlinesFixture, occupancyFixture, placesFixture } from '../test-support/fixtures.ts';
import { deadlineLine, deadlinesReply, reminderMessage } from './deadlines.ts';
import { limitViolations } from './limits.ts';
import { occupancyReply } from './occupancy.ts';
import { apartmentLines, placesReply, summarizePlaces } from './places.ts';
import { renderBlocksAsText } from './render-text.ts';

const plain = (text: string) => text.replace(/\u202f/g, ' ');

describe('placesReply', () => {
  const message = placesReply(placesFixture());
  const text = plain(renderBlocksAsText(message.blocks));

  it('counts free places by category (23 places, every third occupied)', () => {
    expect(summarizePlaces(placesFixture().places)).toEqual({
      total: 23,
      free: 15,
      byCategory: { adult: { total: 17, free: 11 }, minor: { total: 6, free: 4 } },
    });
    expect(text).toContain('*15 places libres sur 23* — majeurs : 11 sur 17 · mineurs : 4 sur 6');
    expect(message.text).toBe('15 places libres sur 23 au 1er juin 2022.');
  });

  it('lists apartments with their free places by id, in natural order', () => {
    expect(text).toContain('*Places majeurs (18–20 ans)* : 11 libres sur 17');
    expect(text).toContain('• Appartement 3 — Libercourt — 2 sur 2 : `2022-417-A03`, `2022-417-A17`');
    expect(text).toContain('• Appartement 4 — Oignies — 0 sur 1\n');
    expect(text.indexOf('Appartement 2 ')).toBeLessThan(text.indexOf('Appartement 10 '));
  });

  it('never shows who occupies a place', () => {
    expect(JSON.stringify(message)).not.toContain('ben_');
  });

  it('is within limits', () => {
    expect(limitViolations('message', message)).toEqual([]);
  });

  it('says when no place exists at the date', () => {
    const empty = placesReply({ asOf: '2021-06-01', places: [] });
    expect(renderBlocksAsText(empty.blocks)).toContain('Aucune place n’existe à cette date.');
  });

  it('groups places without an apartment', () => {
    const [first] = placesFixture().places;
    if (!first) throw new Error('fixture');
    expect(apartmentLines([{ ...first, apartmentId: null, apartmentLabel: null, occupied: false }])).toEqual([
      '• Sans appartement attribué — 1 sur 1 : `2022-417-A01`',
    ]);
  });
});

describe('occupancyReply', () => {
  it('shows days against the art. 11 target and the capacity, with bars, and the projection', () => {
    const message = occupancyReply(occupancyFixture());
    const text = plain(renderBlocksAsText(message.blocks));
    expect(limitViolations('message', message)).toEqual([]);
    expect(text).toContain('*Objectif (art. 11)* : 8 030 journées de prise en charge sur la période');
    expect(text).toContain('*Réalisé au 1er juin 2022* : 2 790 journées, 34,7 % de l’objectif');
    expect(text).toContain('`▓▓▓▓▓▓▓░░░░░░░░░░░░░` 35 % de l’objectif');
    expect(text).toContain('*Taux d’occupation* : 38,6 % de la capacité de la période (7 225 journées)');
    expect(text).toContain('`▓▓▓▓▓▓▓▓░░░░░░░░░░░░` 39 % de la capacité');
    expect(text).toContain(
      '*Projection au 31 décembre 2022* : 6 900 journées, 85,9 % de l’objectif (taux d’occupation 95,5 %)',
    );
    expect(text).toContain('Journées déjà réalisées, plus celles des séjours en cours');
    expect(text).toContain('⚠️ Projection sous l’objectif (1 130 journées manquantes)');
    expect(text).toContain('(art. 11)');
    expect(plain(message.text)).toBe(
      'Occupation au 1er juin 2022 : 2 790 journées sur 8 030 visées (34,7 % de l’objectif), taux 38,6 %.',
    );
  });

  it('no warning when the projection meets the target; n/d when there is no rate', () => {
    const met = occupancyReply(
      occupancyFixture({ projection: { days: 8100, rate: 1.1, targetRate: 1.0087, basis: 'b' } }),
    );
    expect(renderBlocksAsText(met.blocks)).not.toContain('⚠️');
    expect(renderBlocksAsText(met.blocks)).toContain('`▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓` 101 % de l’objectif');
    const none = occupancyReply(occupancyFixture({ rate: null }));
    expect(renderBlocksAsText(none.blocks)).toContain('*Taux d’occupation* : n/d de la capacité');
  });
});

describe('deadlinesReply and reminderMessage', () => {
  it('groups by kind, with dates, pseudonymous ids and articles', () => {
    const message = deadlinesReply(deadlinesFixture(8));
    const text = renderBlocksAsText(message.blocks);
    expect(limitViolations('message', message)).toEqual([]);
    expect(text).toContain('Échéances du 1er juin 2022 au 1er juillet 2022');
    expect(text).toContain('*📄 Rapports à remettre*');
    expect(text).toContain('*🎂 Majorité (18 ans)*');
    expect(text).toContain(
      '• *02/06/2022* — Fin prévue du séjour · bénéficiaire `ben_000001`, séjour `stay_000001`, place `2022-417-A01` _(art. 6)_',
    );
    expect(message.text).toBe('8 échéances du 1er juin 2022 au 1er juillet 2022.');
    expect(text.indexOf('Rapports')).toBeLessThan(text.indexOf('Fins de séjour'));
  });

  it('says when nothing is due', () => {
    const message = deadlinesReply(deadlinesFixture(0));
    expect(renderBlocksAsText(message.blocks)).toContain(
      'Aucune échéance du 1er juin 2022 au 1er juillet 2022.',
    );
    expect(message.text).toBe('0 échéance du 1er juin 2022 au 1er juillet 2022.');
  });

  it('a very busy period stays within 50 blocks and 3000 characters per section, counting the rest', () => {
    const message = deadlinesReply(deadlinesFixture(1000));
    expect(limitViolations('message', message)).toEqual([]);
    expect(renderBlocksAsText(message.blocks)).toContain('… et 210 autres.');
  });

  it('escapes labels so an API text cannot mention @channel', () => {
    expect(deadlineLine(deadline(0, { label: '<!channel> urgent' }))).toContain('&lt;!channel&gt; urgent');
  });

  it('the reminder has its own title and the same lines', () => {
    const message = reminderMessage(deadlinesFixture(3, 7));
    const text = renderBlocksAsText(message.blocks);
    expect(text).toContain('⏰ Échéances des 7 prochains jours');
    expect(text).toContain('Identifiants pseudonymes uniquement');
    expect(limitViolations('message', message)).toEqual([]);
  });
});
