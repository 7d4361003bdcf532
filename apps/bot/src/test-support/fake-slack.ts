import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made: a Web API method, or a post to a response_url (`method: 'response_url'`). */
export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** The bearer token sent, if any. */
  token: string | undefined;
  /** The body exactly as received, for scanning. */
  raw: string;
  /** For `response_url` posts: the id given to {@link FakeSlack.responseUrl}. */
  responseId?: string;
}

export interface FakeSlack {
  /** Base URL of the fake Web API, for `clientOptions.slackApiUrl`. */
  apiUrl: string;
  /** A response_url on the fake; posts to it are recorded as `response_url`. */
  responseUrl(id: string): string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** Waits until `method` has been called `count` times in all. */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<RecordedCall[]>;
  /** Waits for a call matching `predicate` (e.g. a post to one response_url) and returns it. */
  waitUntil(
    predicate: (call: RecordedCall) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<RecordedCall>;
  /** Answers the next calls of `method` with this body instead of `{ ok: true }`. */
  answer(method: string, body: Record<string, unknown>): void;
  /** Makes response_url posts fail with this HTTP status (null restores 200). */
  failResponseUrls(status: number | null): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Web API arguments arrive form-encoded, with `view` and `blocks` as JSON strings inside. */
function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json'))
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    try {
      args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
    } catch {
      args[key] = value;
    }
  }
  return args;
}

const DEFAULT_ANSWERS: Record<string, Record<string, unknown>> = {
  'auth.test': {
    ok: true,
    url: 'https://test.slack.invalid/',
    team: 'Test',
    team_id: 'T0TEST',
    user: 'tremplins',
    user_id: 'U0BOT',
    bot_id: 'B0BOT',
  },
  'chat.postMessage': { ok: true, channel: 'C0ALERTS', ts: '1654070400.000100' },
  'chat.postEphemeral': { ok: true, message_ts: '1654070400.000200' },
  'views.open': { ok: true, view: { id: 'V0OPEN' } },
  'views.publish': { ok: true, view: { id: 'V0HOME' } },
};

/** A fake Slack Web API on a free local port: it records every call and answers `ok`. */
export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const overrides = new Map<string, Record<string, unknown>>();
  let responseUrlStatus: number | null = null;
  const waiters: (() => void)[] = [];

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
    if (url.pathname.startsWith('/response/')) {
      const responseId = decodeURIComponent(url.pathname.slice('/response/'.length));
      calls.push({
        method: 'response_url',
        args: parseArgs(raw, 'application/json'),
        token,
        raw,
        responseId,
      });
      for (const wake of waiters.splice(0)) wake();
      res.writeHead(responseUrlStatus ?? 200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = url.pathname.replace(/^\/api\//, '');
    calls.push({ method, args: parseArgs(raw, req.headers['content-type']), token, raw });
    for (const wake of waiters.splice(0)) wake();
    const body = overrides.get(method) ?? DEFAULT_ANSWERS[method] ?? { ok: true };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  const callsTo = (method: string) => calls.filter((c) => c.method === method);
  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${encodeURIComponent(id)}`,
    calls,
    callsTo,
    async waitFor(method, count = 1, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (callsTo(method).length < count) {
        const left = deadline - Date.now();
        if (left <= 0) {
          const seen = calls.map((c) => c.method).join(', ') || 'none';
          throw new Error(`fake Slack: expected ${count} call(s) to ${method}; calls so far: ${seen}`);
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 100));
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return callsTo(method);
    },
    async waitUntil(predicate, what, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = calls.find(predicate);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) {
          const seen = calls.map((c) => c.method).join(', ') || 'none';
          throw new Error(`fake Slack: no call for ${what}; calls so far: ${seen}`);
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 100));
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    answer: (method, body) => overrides.set(method, body),
    failResponseUrls: (status) => {
      responseUrlStatus = status;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
