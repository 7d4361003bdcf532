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
  /** Paths Slack posts to; other routes (health) pass untouched. */
  endpoints: readonly string[];
  now?: () => number;
  windowSeconds?: number;
}

/**
 * Wraps the HTTPReceiver's request listener: a POST to a Slack endpoint whose timestamp is out of
 * the window gets 401 before Bolt reads the body. Bolt then verifies the signature as usual.
 */
export function withRequestWindow(listener: RequestListener, options: RequestWindowOptions): RequestListener {
  const now = options.now ?? Date.now;
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (
      req.method === 'POST' &&
      options.endpoints.includes(path) &&
      !isWithinWindow(req.headers['x-slack-request-timestamp'], now(), options.windowSeconds)
    ) {
      req.resume();
      res.writeHead(401).end();
      return;
    }
    listener(req, res);
  };
}
