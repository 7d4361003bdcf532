import { z } from 'zod';

const HttpUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/**
 * The bot's configuration, read from the environment once at start-up. An empty variable counts as
 * unset, so `SLACK_BOT_TOKEN=` in a `.env` file is reported as missing rather than accepted.
 */
export const EnvSchema = z.object({
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must be a bot token (xoxb-…)'),
  /** Required in HTTP mode (see {@link loadEnv}); Socket Mode does not sign requests. */
  SLACK_SIGNING_SECRET: z.string().optional(),
  /** When set (xapp-…), the bot connects in Socket Mode instead of listening for HTTP requests. */
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must be an app-level token (xapp-…)').optional(),
  /** Base URL of Slack's Web API; tests and staging point it at a fake. */
  SLACK_API_URL: HttpUrlSchema.default('https://slack.com/api/'),
  TREMPLINS_API_URL: HttpUrlSchema,
  TREMPLINS_API_KEY: z.string(),
  /** Channel ID for the daily deadline reminders; reminders are off when unset. */
  TREMPLINS_ALERT_CHANNEL: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /**
   * No `debug`: at that level Bolt logs ack bodies and the Web API client logs request bodies, which
   * include the pre-filled eligibility modal (a birth date). Request bodies are never logged.
   */
  LOG_LEVEL: z.enum(['info', 'warn', 'error']).default('info'),
});

export type Env = z.output<typeof EnvSchema>;

export interface InvalidVariable {
  variable: string;
  message: string;
}

/** A configuration that cannot start the bot, naming every variable at fault (never their values). */
export class EnvError extends Error {
  override readonly name = 'EnvError';
  readonly missing: readonly string[];
  readonly invalid: readonly InvalidVariable[];

  constructor(missing: string[], invalid: InvalidVariable[]) {
    const parts: string[] = [];
    if (missing.length > 0) parts.push(`Missing environment variable(s): ${missing.join(', ')}.`);
    if (invalid.length > 0) {
      parts.push(`Invalid: ${invalid.map((i) => `${i.variable} (${i.message})`).join(', ')}.`);
    }
    super(parts.join(' '));
    this.missing = missing;
    this.invalid = invalid;
  }
}

const MESSAGES: Partial<Record<keyof Env, string>> = { PORT: 'must be an integer from 0 to 65535' };

/** Reads the environment; throws an {@link EnvError} naming the missing and invalid variables. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const present: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = source[key]?.trim();
    if (value) present[key] = value;
  }
  const missing: string[] = [];
  const invalid: InvalidVariable[] = [];
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = String(issue.path[0]) as keyof Env;
      if (present[variable] === undefined) {
        if (!missing.includes(variable)) missing.push(variable);
      } else if (!invalid.some((i) => i.variable === variable)) {
        invalid.push({ variable, message: MESSAGES[variable] ?? issue.message });
      }
    }
  }
  // HTTP mode verifies every request with the signing secret; Socket Mode needs none.
  if (present.SLACK_APP_TOKEN === undefined && present.SLACK_SIGNING_SECRET === undefined) {
    missing.push('SLACK_SIGNING_SECRET');
  }
  const order = Object.keys(EnvSchema.shape);
  missing.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  if (parsed.success && missing.length === 0) return parsed.data;
  throw new EnvError(missing, invalid);
}
