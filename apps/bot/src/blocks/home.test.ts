import { describe, expect, it } from 'vitest';
import { deadlinesFixture, occupancyFixture, placesFixture } from '../test-support/fixtures.ts';
import { homeView } from './home.ts';
import { limitViolations } from './limits.ts';
import { renderBlocksAsText } from './render-text.ts';

const ok = <T>(value: T) => ({ ok: true as const, value });

describe('homeView', () => {
  it('shows occupancy with bars, free places and the next ten deadlines', () => {
    const view = homeView({
      asOf: '2022-06-01',
      occupancy: ok(occupancyFixture()),
      places: ok(placesFixture()),
      deadlines: ok(deadlinesFixture(25)),
    });
    const text = renderBlocksAsText(view.blocks).replace(/\u202f/g, ' ');
    expect(view.type).toBe('home');
    expect(limitViolations('home', view)).toEqual([]);
    expect(text).toContain('Situation au 1er juin 2022');
    expect(text).toContain('`▓▓▓▓▓▓▓░░░░░░░░░░░░░` 35 % de l’objectif');
    expect(text).toContain('*15 places libres sur 23*');
    expect(text.match(/^• \*\d\d\/06\/2022\*/gm)).toHaveLength(10);
    expect(text).toContain('… et 15 autres : `/tremplins echeances`.');
  });

  it('stays within 100 blocks with a thousand deadlines', () => {
    const view = homeView({
      asOf: '2022-06-01',
      occupancy: ok(occupancyFixture()),
      places: ok(placesFixture()),
      deadlines: ok(deadlinesFixture(1000)),
    });
    expect(limitViolations('home', view)).toEqual([]);
  });

  it('an unreachable API leaves each part saying so, and the rest readable', () => {
    const view = homeView({
      asOf: '2022-06-01',
      occupancy: { ok: false },
      places: ok(placesFixture()),
      deadlines: { ok: false },
    });
    const text = renderBlocksAsText(view.blocks);
    expect(text.match(/injoignable/g)).toHaveLength(2);
    expect(text).toContain('places libres sur 23');
    expect(limitViolations('home', view)).toEqual([]);
  });

  it('says when no deadline is near', () => {
    const view = homeView({
      asOf: '2022-06-01',
      occupancy: ok(occupancyFixture()),
      places: ok(placesFixture()),
      deadlines: ok(deadlinesFixture(0)),
    });
    expect(renderBlocksAsText(view.blocks)).toContain('Aucune échéance dans les 30 prochains jours.');
  });
});
