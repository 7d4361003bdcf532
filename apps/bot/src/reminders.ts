import type { Logger, webApi } from '@slack/bolt';
import type { TremplinsApi } from './api-client.ts';
import { reminderMessage } from './blocks/deadlines.ts';

/** The daily reminder looks this many days ahead. */
export const REMINDER_WINDOW_DAYS = 7;

export interface ReminderDeps {
  api: TremplinsApi;
  client: Pick<webApi.WebClient, 'chat'>;
  /** Channel ID; when unset, reminders are off. */
  channel: string | undefined;
  today: () => string;
  logger: Logger;
}

export type ReminderOutcome =
  | { status: 'posted'; count: number }
  | { status: 'nothing_due' }
  | { status: 'disabled' };

/**
 * One run of the reminder job: the deadlines of the next 7 days, posted to the alert channel with
 * pseudonymous ids only. Nothing is posted when nothing is due. API and Slack errors propagate to
 * the scheduler, which logs them and tries again the next day.
 */
export async function sendDueReminders(deps: ReminderDeps): Promise<ReminderOutcome> {
  if (!deps.channel) return { status: 'disabled' };
  const response = await deps.api.getDeadlines({ asOf: deps.today(), withinDays: REMINDER_WINDOW_DAYS });
  if (response.deadlines.length === 0) {
    deps.logger.info('reminders: nothing due in the next 7 days');
    return { status: 'nothing_due' };
  }
  await deps.client.chat.postMessage({ channel: deps.channel, ...reminderMessage(response) });
  deps.logger.info(`reminders: ${response.deadlines.length} deadline(s) posted`);
  return { status: 'posted', count: response.deadlines.length };
}

/** Offset of a time zone from UTC at an instant, in milliseconds (Paris: +1 h in winter, +2 h in summer). */
export function zoneOffsetMs(timeZone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/** The instant of a wall-clock time on a day in a time zone. */
function zonedTime(timeZone: string, year: number, month: number, day: number, hour: number, minute: number) {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - zoneOffsetMs(timeZone, guess);
  const second = guess - zoneOffsetMs(timeZone, first);
  return second;
}

export interface DailyTime {
  hour: number;
  minute: number;
  timeZone: string;
}

/** The next instant (ms) strictly after `nowMs` when the wall clock in `timeZone` shows hour:minute. */
export function nextRunAt(nowMs: number, at: DailyTime): number {
  const local = new Date(nowMs + zoneOffsetMs(at.timeZone, nowMs));
  const [y, m, d] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
  const today = zonedTime(at.timeZone, y, m, d, at.hour, at.minute);
  if (today > nowMs) return today;
  const tomorrow = new Date(Date.UTC(y, m - 1, d + 1));
  return zonedTime(
    at.timeZone,
    tomorrow.getUTCFullYear(),
    tomorrow.getUTCMonth() + 1,
    tomorrow.getUTCDate(),
    at.hour,
    at.minute,
  );
}

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface DailyScheduleOptions {
  at: DailyTime;
  tick: () => Promise<unknown>;
  logger: Logger;
  now?: () => number;
  timers?: Timers;
}

/**
 * Runs `tick` every day at a wall-clock time, computed (no cron dependency) so that daylight saving
 * changes keep it at 08:00 in Paris. A failed tick is logged and the next day is scheduled anyway.
 */
export function scheduleDaily(options: DailyScheduleOptions): { stop(): void; next(): number } {
  const now = options.now ?? Date.now;
  const timers = options.timers ?? realTimers;
  let handle: unknown;
  let nextAt = 0;
  let stopped = false;
  const plan = () => {
    // Never before the run just done, even if a timer fired a little early.
    nextAt = nextRunAt(Math.max(now(), nextAt), options.at);
    handle = timers.set(run, Math.max(0, nextAt - now()));
  };
  const run = () => {
    void options
      .tick()
      .catch((error: unknown) =>
        options.logger.error(`daily job failed: ${(error as Error).name}: ${(error as Error).message}`),
      )
      .finally(() => {
        if (!stopped) plan();
      });
  };
  plan();
  return {
    stop() {
      stopped = true;
      timers.clear(handle);
    },
    next: () => nextAt,
  };
}
