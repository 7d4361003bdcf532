import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type Logger, LogLevel, type webApi } from '@slack/bolt';
import { cahcCommunes, todayInParis } from '@tremplins/domain';
import { evaluateEligibility } from '@tremplins/rules';
import { createApiClient, type TremplinsApi } from './api-client.ts';
import { createDraftSealer } from './eligibility/draft.ts';
import { registerListeners } from './listeners/index.ts';
import { type ReminderOutcome, sendDueReminders } from './reminders.ts';
import { withRequestWindow } from './request-window.ts';

export const SLACK_ENDPOINT = '/slack/events';
export const HEALTH_PATH = '/healthz';

export interface BotConfig {
  /** xoxb-… */
  botToken: string;
  /** Verifies every HTTP request; required unless `appToken` selects Socket Mode. */
  signingSecret?: string;
  /** xapp-…: Socket Mode (no public URL needed; cannot be tested offline). */
  appToken?: string;
  /** Slack Web API base URL (default Slack's own). */
  slackApiUrl?: string;
  /** The Tremplins API, as a URL and key or as any implementation (tests). */
  api: TremplinsApi | { url: string; key: string };
  /** Channel ID for the daily reminders; unset turns them off. */
  alertChannel?: string;
  /** Today in Europe/Paris (YYYY-MM-DD); tests pin it. */
  today?: () => string;
  /** Clock for the request timestamp window and the « Compléter » expiry (ms). */
  now?: () => number;
  /** INFO by default; DEBUG is raised to INFO, since it would log bodies. */
  logLevel?: LogLevel;
  logger?: Logger;
  /** Extra Web API client options, e.g. `retryConfig: { retries: 0 }` in tests. */
  clientOptions?: webApi.WebClientOptions;
  /** Used for response_url posts. */
  fetch?: typeof fetch;
}

export interface TremplinsBot {
  app: App;
  /** Starts listening (HTTP) or connecting (Socket Mode); returns the HTTP port, if any. */
  start(port?: number): Promise<number | undefined>;
  stop(): Promise<void>;
  /** One run of the daily reminder job. */
  sendReminders(): Promise<ReminderOutcome>;
}

function isApi(api: BotConfig['api']): api is TremplinsApi {
  return typeof (api as TremplinsApi).getPlaces === 'function';
}

/** The Slack app: its receiver, its Web API client and its listeners. Nothing starts until `start()`. */
export function buildApp(config: BotConfig): TremplinsBot {
  // Never DEBUG: Bolt and the Web API client would log ack and request bodies (a pre-filled birth date).
  const logLevel = config.logLevel === LogLevel.DEBUG || !config.logLevel ? LogLevel.INFO : config.logLevel;
  const api = isApi(config.api)
    ? config.api
    : createApiClient({
        baseUrl: config.api.url,
        apiKey: config.api.key,
        ...(config.fetch ? { fetch: config.fetch } : {}),
      });
  const today = config.today ?? (() => todayInParis());
  const secret = config.signingSecret ?? config.appToken;
  if (!secret) throw new Error('buildApp: signingSecret is required in HTTP mode');
  const clientOptions: webApi.WebClientOptions = {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    ...config.clientOptions,
  };
  const common = {
    token: config.botToken,
    clientOptions,
    logLevel,
    ...(config.logger ? { logger: config.logger } : {}),
  };

  let receiver: HTTPReceiver | undefined;
  let app: App;
  if (config.appToken) {
    app = new App({ ...common, socketMode: true, appToken: config.appToken });
  } else {
    receiver = new HTTPReceiver({
      signingSecret: secret,
      endpoints: SLACK_ENDPOINT,
      logLevel,
      ...(config.logger ? { logger: config.logger } : {}),
      customRoutes: [
        {
          path: HEALTH_PATH,
          method: ['GET'],
          handler: (_req, res) => {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end('{"status":"ok"}');
          },
        },
      ],
    });
    receiver.requestListener = withRequestWindow(
      receiver.requestListener,
      config.now ? { now: config.now } : {},
    );
    app = new App({ ...common, receiver });
  }

  const deps = {
    api,
    today,
    sealer: createDraftSealer(secret, config.now ? { now: config.now } : {}),
    cahc: cahcCommunes(),
    logger: app.logger,
    ...(config.fetch ? { fetch: config.fetch } : {}),
  };
  registerListeners(app, deps);
  // Listener failures are logged by name and message only: never a request body.
  app.error(async (error) => {
    app.logger.error(`listener failed: ${error.code ?? error.name}: ${error.message}`);
  });

  return {
    app,
    async start(port) {
      // Loads the rule files before the first request, so the first answer is as fast as the others.
      await evaluateEligibility({
        birthDate: '2004-01-01',
        commune: '62637',
        aseStatus: 'none',
        inInsertionPath: true,
        referenceDate: '2022-06-01',
      });
      if (!receiver) {
        await app.start();
        return undefined;
      }
      const server = (await app.start(port ?? 3000)) as Server;
      return (server.address() as AddressInfo).port;
    },
    async stop() {
      await app.stop();
    },
    sendReminders: () =>
      sendDueReminders({ api, client: app.client, channel: config.alertChannel, today, logger: app.logger }),
  };
}
