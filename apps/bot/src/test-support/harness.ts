import { request } from 'node:http';
import { LogLevel } from '@slack/bolt';
import { type BotConfig, buildApp, SLACK_ENDPOINT, type TremplinsBot } from '../app.ts';
import { type FakeSlack, startFakeSlack } from './fake-slack.ts';
import { formBody, payloadBody, signRequest } from './sign.ts';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEST_BOT_TOKEN = 'xoxb-test-token';
export const USER = 'U0STAFF';
export const CHANNEL = 'C0MDS';

export interface SentRequest {
  status: number;
  text: string;
  /** Time to the HTTP response: Slack wants the ack within 3 s. */
  ms: number;
}

export interface Harness {
  bot: TremplinsBot;
  url: string;
  slack: FakeSlack;
  /** Every signed request's response time, for the 3-second check. */
  timings: { what: string; ms: number }[];
  /** Every response body the bot sent back (acks, view errors): they reach Slack too. */
  responses: string[];
  /**
   * Posts a body signed with the test secret (or as told). `path` is sent exactly as written, not
   * normalised as `fetch` would (`/slack/./events` stays so on the wire).
   */
  send(
    body: string,
    options?: { timestamp?: number; secret?: string; contentType?: string; what?: string; path?: string },
  ): Promise<SentRequest>;
  command(text: string, responseId?: string): Promise<SentRequest>;
  interactive(payload: Record<string, unknown>): Promise<SentRequest>;
  event(event: Record<string, unknown>): Promise<SentRequest>;
  close(): Promise<void>;
}

export async function startHarness(
  config: Pick<BotConfig, 'api' | 'today' | 'alertChannel' | 'now'>,
): Promise<Harness> {
  const slack = await startFakeSlack();
  const bot = buildApp({
    ...config,
    botToken: TEST_BOT_TOKEN,
    signingSecret: TEST_SIGNING_SECRET,
    slackApiUrl: slack.apiUrl,
    clientOptions: { retryConfig: { retries: 0 } },
    logLevel: LogLevel.ERROR,
  });
  const port = await bot.start(0);
  if (port === undefined) throw new Error('the bot listens on no port');
  const url = `http://127.0.0.1:${port}${SLACK_ENDPOINT}`;
  const timings: { what: string; ms: number }[] = [];
  const responses: string[] = [];

  const send: Harness['send'] = async (body, options = {}) => {
    const signed = signRequest(options.secret ?? TEST_SIGNING_SECRET, body, {
      ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
      ...(options.contentType ? { contentType: options.contentType } : {}),
    });
    const started = performance.now();
    const { status, text } =
      options.path === undefined
        ? await fetch(url, { method: 'POST', headers: signed.headers, body: signed.body }).then(
            async (response) => ({ status: response.status, text: await response.text() }),
          )
        : await postRaw(port, options.path, signed.headers, signed.body);
    const ms = performance.now() - started;
    timings.push({ what: options.what ?? body.slice(0, 40), ms });
    responses.push(text);
    return { status, text, ms };
  };

  return {
    bot,
    url,
    slack,
    timings,
    responses,
    send,
    command: (text, responseId = 'command') =>
      send(
        formBody({
          token: 'legacy-unused',
          team_id: 'T0TEST',
          team_domain: 'test',
          channel_id: CHANNEL,
          channel_name: 'mds-henin-carvin',
          user_id: USER,
          user_name: 'staff',
          command: '/tremplins',
          text,
          api_app_id: 'A0TEST',
          response_url: slack.responseUrl(responseId),
          trigger_id: `trigger.${responseId}`,
        }),
        { what: `/tremplins ${text}` },
      ),
    interactive: (payload) => send(payloadBody(payload), { what: String(payload.type) }),
    event: (event) =>
      send(
        JSON.stringify({
          token: 'legacy-unused',
          team_id: 'T0TEST',
          api_app_id: 'A0TEST',
          type: 'event_callback',
          event_id: `Ev${Math.random().toString(36).slice(2, 10)}`,
          event_time: Math.floor(Date.now() / 1000),
          event,
        }),
        { contentType: 'application/json', what: String(event.type) },
      ),
    async close() {
      await bot.stop();
      await slack.close();
    },
  };
}

/** A POST with `path` as written on the request line (node:http does not resolve dot segments). */
function postRaw(
  port: number,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A view_submission of the eligibility form with these state values. */
export function viewSubmission(
  values: Record<string, Record<string, unknown>>,
  privateMetadata: string,
): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: 'T0TEST', domain: 'test' },
    user: { id: USER, username: 'staff', name: 'staff', team_id: 'T0TEST' },
    api_app_id: 'A0TEST',
    token: 'legacy-unused',
    trigger_id: 'trigger.submit',
    view: {
      id: 'V0OPEN',
      team_id: 'T0TEST',
      type: 'modal',
      callback_id: 'eligibility_form',
      private_metadata: privateMetadata,
      state: { values },
      hash: 'h',
      title: { type: 'plain_text', text: 'Éligibilité Tremplins' },
      blocks: [],
      app_id: 'A0TEST',
      bot_id: 'B0BOT',
      root_view_id: 'V0OPEN',
      previous_view_id: null,
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: null,
    },
    response_urls: [],
  };
}

/** A block_actions click on a button of an ephemeral message. */
export function buttonClick(
  actionId: string,
  value: string,
  responseUrl: string,
  user = USER,
): Record<string, unknown> {
  return {
    type: 'block_actions',
    team: { id: 'T0TEST', domain: 'test' },
    user: { id: user, username: 'staff', name: 'staff', team_id: 'T0TEST' },
    api_app_id: 'A0TEST',
    token: 'legacy-unused',
    container: { type: 'message', message_ts: '1654070400.000200', channel_id: CHANNEL, is_ephemeral: true },
    trigger_id: 'trigger.complete',
    channel: { id: CHANNEL, name: 'mds-henin-carvin' },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        block_id: 'complete',
        action_id: actionId,
        text: { type: 'plain_text', text: 'Compléter' },
        value,
        action_ts: '1654070401.000300',
      },
    ],
  };
}
