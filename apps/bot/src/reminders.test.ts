// The daily reminder: what one tick posts, and when ticks happen (08:00 in Paris, summer and winter).
import type { Logger } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import type { DeadlinesParams, TremplinsApi } from './api-client.ts';
import { nextRunAt, scheduleDaily, sendDueReminders, zoneOffsetMs } from './reminders.ts';
import { deadlinesFixture } from './test-support/fixtures.ts';

const PARIS_8 = { hour: 8, minute: 0, timeZone: 'Europe/Paris' };

function quietLogger(lines: string[] = []): Logger {
  const log = (...args: unknown[]) => {
    lines.push(args.join(' '));
  };
  return {
    debug: log,
    info: log,
    warn: log,
    error: log,
    setLevel: () => {},
    getLevel: () => 'info' as never,
    setName: () => {},
  };
}

describe('nextRunAt: 08:00 Europe/Paris', () => {
  it.each([
    ['winter, before 08:00', '2022-01-10T05:00:00Z', '2022-01-10T07:00:00.000Z'],
    ['winter, after 08:00', '2022-01-10T07:00:01Z', '2022-01-11T07:00:00.000Z'],
    ['winter, exactly 08:00 runs the next day', '2022-01-10T07:00:00Z', '2022-01-11T07:00:00.000Z'],
    ['summer', '2022-06-01T12:00:00Z', '2022-06-02T06:00:00.000Z'],
    ['the night the clocks go forward (27 March 2022)', '2022-03-26T23:30:00Z', '2022-03-27T06:00:00.000Z'],
    ['the day before they go forward, after 08:00', '2022-03-26T08:00:00Z', '2022-03-27T06:00:00.000Z'],
    [
      'the day before they go back (30 October 2022), after 08:00',
      '2022-10-29T07:00:00Z',
      '2022-10-30T07:00:00.000Z',
    ],
    ['23:30 in Paris', '2022-06-01T21:30:00Z', '2022-06-02T06:00:00.000Z'],
    ['00:30 in Paris, still the previous day in UTC', '2022-06-01T22:30:00Z', '2022-06-02T06:00:00.000Z'],
  ])('%s', (_why, now, expected) => {
    expect(new Date(nextRunAt(Date.parse(now), PARIS_8)).toISOString()).toBe(expected);
  });

  it('zoneOffsetMs: +1 h in winter, +2 h in summer', () => {
    expect(zoneOffsetMs('Europe/Paris', Date.parse('2022-01-10T12:00:00Z'))).toBe(3_600_000);
    expect(zoneOffsetMs('Europe/Paris', Date.parse('2022-07-10T12:00:00Z'))).toBe(7_200_000);
  });
});

describe('scheduleDaily', () => {
  it('sets a timer to the next 08:00, runs the tick, then plans the next day; stop clears it', async () => {
    let now = Date.parse('2022-06-01T05:00:00Z');
    const timers: { callback: () => void; ms: number }[] = [];
    const cleared: unknown[] = [];
    let ticks = 0;
    const schedule = scheduleDaily({
      at: PARIS_8,
      now: () => now,
      timers: {
        set: (callback, ms) => {
          timers.push({ callback, ms });
          return timers.length;
        },
        clear: (handle) => cleared.push(handle),
      },
      tick: async () => {
        ticks += 1;
      },
      logger: quietLogger(),
    });
    expect(timers[0]?.ms).toBe(60 * 60 * 1000);
    now += 60 * 60 * 1000;
    timers[0]?.callback();
    await new Promise((resolve) => setImmediate(resolve));
    expect(ticks).toBe(1);
    expect(timers[1]?.ms).toBe(24 * 60 * 60 * 1000);
    expect(new Date(schedule.next()).toISOString()).toBe('2022-06-02T06:00:00.000Z');
    schedule.stop();
    expect(cleared).toEqual([2]);
  });

  it('a timer firing a little early does not run twice that day', async () => {
    let now = Date.parse('2022-06-01T05:59:59Z');
    const timers: { callback: () => void; ms: number }[] = [];
    scheduleDaily({
      at: PARIS_8,
      now: () => now,
      timers: { set: (callback, ms) => timers.push({ callback, ms }), clear: () => {} },
      tick: async () => {},
      logger: quietLogger(),
    });
    now = Date.parse('2022-06-01T05:59:59.990Z');
    timers[0]?.callback();
    await new Promise((resolve) => setImmediate(resolve));
    expect(timers[1]?.ms).toBeGreaterThan(23 * 60 * 60 * 1000);
  });

  it('a failing tick is logged and the next day is still planned', async () => {
    const lines: string[] = [];
    const timers: { callback: () => void; ms: number }[] = [];
    scheduleDaily({
      at: PARIS_8,
      now: () => Date.parse('2022-06-01T06:00:00Z'),
      timers: { set: (callback, ms) => timers.push({ callback, ms }), clear: () => {} },
      tick: async () => {
        throw new Error('API down');
      },
      logger: quietLogger(lines),
    });
    timers[0]?.callback();
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.join('\n')).toContain('daily job failed: Error: API down');
    expect(timers).toHaveLength(2);
  });
});

describe('sendDueReminders', () => {
  function deps(count: number, channel: string | undefined) {
    const asked: DeadlinesParams[] = [];
    const posted: Record<string, unknown>[] = [];
    const api: TremplinsApi = {
      getPlaces: async () => {
        throw new Error('unused');
      },
      getOccupancy: async () => {
        throw new Error('unused');
      },
      getDeadlines: async (params = {}) => {
        asked.push(params);
        return deadlinesFixture(count, params.withinDays);
      },
    };
    const client = {
      chat: {
        postMessage: async (args: Record<string, unknown>) => {
          posted.push(args);
          return { ok: true };
        },
      },
    } as never;
    return {
      asked,
      posted,
      deps: { api, client, channel, today: () => '2022-06-01', logger: quietLogger() },
    };
  }

  it('posts the deadlines of the next 7 days to the alert channel', async () => {
    const { asked, posted, deps: d } = deps(3, 'C0ALERTS');
    expect(await sendDueReminders(d)).toEqual({ status: 'posted', count: 3 });
    expect(asked).toEqual([{ asOf: '2022-06-01', withinDays: 7 }]);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.channel).toBe('C0ALERTS');
    expect(String(posted[0]?.text)).toBe('3 échéances du 1er juin 2022 au 8 juin 2022.');
  });

  it('posts nothing when nothing is due', async () => {
    const { posted, deps: d } = deps(0, 'C0ALERTS');
    expect(await sendDueReminders(d)).toEqual({ status: 'nothing_due' });
    expect(posted).toEqual([]);
  });

  it('does nothing without a channel', async () => {
    const { asked, deps: d } = deps(3, undefined);
    expect(await sendDueReminders(d)).toEqual({ status: 'disabled' });
    expect(asked).toEqual([]);
  });
});
