// Configuration: every missing or invalid variable is named, and `node src/main.ts` exits non-zero.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from './env.ts';

const COMPLETE = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_SIGNING_SECRET: 'secret',
  TREMPLINS_API_URL: 'https://api.tremplins.example.org',
  TREMPLINS_API_KEY: 'key',
};

function errorOf(env: Record<string, string | undefined>): EnvError {
  try {
    loadEnv(env);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error('expected an EnvError');
}

describe('loadEnv', () => {
  it('reads a complete HTTP-mode configuration, with defaults', () => {
    expect(loadEnv(COMPLETE)).toEqual({
      ...COMPLETE,
      SLACK_API_URL: 'https://slack.com/api/',
      PORT: 3000,
      LOG_LEVEL: 'info',
    });
  });

  it('reads every optional variable', () => {
    const env = loadEnv({
      ...COMPLETE,
      PORT: '8080',
      SLACK_API_URL: 'http://127.0.0.1:4999/api/',
      TREMPLINS_ALERT_CHANNEL: 'C0ALERTS',
      LOG_LEVEL: 'warn',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      SLACK_API_URL: 'http://127.0.0.1:4999/api/',
      TREMPLINS_ALERT_CHANNEL: 'C0ALERTS',
    });
  });

  it('Socket Mode needs no signing secret', () => {
    const { SLACK_SIGNING_SECRET: _secret, ...rest } = COMPLETE;
    expect(loadEnv({ ...rest, SLACK_APP_TOKEN: 'xapp-1-abc' }).SLACK_APP_TOKEN).toBe('xapp-1-abc');
  });

  it('names every missing variable, in order', () => {
    const error = errorOf({});
    expect(error.missing).toEqual([
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
      'TREMPLINS_API_URL',
      'TREMPLINS_API_KEY',
    ]);
    expect(error.message).toBe(
      'Missing environment variable(s): SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, TREMPLINS_API_URL, TREMPLINS_API_KEY.',
    );
  });

  it.each(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'TREMPLINS_API_URL', 'TREMPLINS_API_KEY'] as const)(
    'names %s alone when only it is missing (an empty value counts as missing)',
    (variable) => {
      expect(errorOf({ ...COMPLETE, [variable]: undefined }).missing).toEqual([variable]);
      expect(errorOf({ ...COMPLETE, [variable]: '  ' }).missing).toEqual([variable]);
    },
  );

  it.each([
    ['PORT', 'eighty', 'must be an integer from 0 to 65535'],
    ['PORT', '70000', 'must be an integer from 0 to 65535'],
    ['TREMPLINS_API_URL', 'api.example.org', 'must be an http(s) URL'],
    ['SLACK_API_URL', 'ftp://x', 'must be an http(s) URL'],
    ['SLACK_BOT_TOKEN', 'xoxp-user-token', 'must be a bot token (xoxb-…)'],
    ['SLACK_APP_TOKEN', 'xoxb-not-app', 'must be an app-level token (xapp-…)'],
    ['LOG_LEVEL', 'debug', 'Invalid option: expected one of "info"|"warn"|"error"'],
  ])('names an invalid %s (%s) without echoing its value', (variable, value, message) => {
    const error = errorOf({ ...COMPLETE, [variable]: value });
    expect(error.invalid).toEqual([{ variable, message }]);
    expect(error.message).not.toContain(value);
  });
});

describe('node src/main.ts', () => {
  const main = fileURLToPath(new URL('./main.ts', import.meta.url));

  it('exits 1 naming the missing variables', () => {
    const run = spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'tremplins-bot: cannot start. Missing environment variable(s): SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, TREMPLINS_API_URL, TREMPLINS_API_KEY.',
    );
  });

  it('exits 1 naming an invalid variable, without printing secrets', () => {
    const run = spawnSync(process.execPath, [main], {
      env: {
        PATH: process.env.PATH ?? '',
        ...COMPLETE,
        SLACK_SIGNING_SECRET: 'very-secret-value',
        PORT: 'x',
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid: PORT (must be an integer from 0 to 65535).');
    expect(run.stderr + run.stdout).not.toContain('very-secret-value');
  });
});
