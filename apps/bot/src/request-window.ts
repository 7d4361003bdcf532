import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/** Slack's own advice: refuse requests whose timestamp is more than five minutes away. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/**
 * Whether `X-Slack-Request-Timestamp` is within the window around now, in both directions. Bolt only
 * refuses stale timestamps; one in the future would let a captured request be replayed later.
 */
export function isWithinWindow(
  header: string | string[] | undefined,
  nowMs: number,
  windowSeconds = MAX_CLOCK_SKEW_SECONDS,
): boolean {
  if (typeof header !== 'string' || !/^\d{1,12}$/.test(header)) return false;
  return Math.abs(nowMs / 1000 - Number(header)) <= windowSeconds;
}

export interface RequestWindowOptions {
  now?: () => number;
  windowSeconds?: number;
}

/**
 * Wraps the HTTPReceiver's request listener: every POST whose timestamp is out of the window gets 401
 * before Bolt reads the body. Bolt then verifies the signature as usual.
 *
 * Every POST, whatever its path: Bolt routes on `new URL(req.url, base).pathname`, which resolves
 * `/slack/./events`, `/x/../slack/events` and `//host/slack/events` to `/slack/events`, so matching
 * the raw `req.url` let such requests through unchecked. The bot serves no other POST (health is a
 * GET), so there is nothing to compare paths for.
 */
export function withRequestWindow(
  listener: RequestListener,
  options: RequestWindowOptions = {},
): RequestListener {
  const now = options.now ?? Date.now;
  return (req: IncomingMessage, res: ServerResponse) => {
    if (
      (req.method ?? '').toUpperCase() === 'POST' &&
      !isWithinWindow(req.headers['x-slack-request-timestamp'], now(), options.windowSeconds)
    ) {
      req.resume();
      res.writeHead(401).end();
      return;
    }
    listener(req, res);
  };
}
