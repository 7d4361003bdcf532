// `npm start` runs dist/main.js; this runs its source the same way, against a fake Slack.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './test-support/fake-slack.ts';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
let child: ChildProcess | undefined;
let slack: FakeSlack | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await slack?.close();
});

function waitForOutput(proc: ChildProcess, pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in: ${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = output.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
  });
}

describe('node src/main.ts', () => {
  it.each([
    [undefined, /daily reminders are off/],
    ['C0ALERTS', /daily reminders at 08:00 Europe\/Paris, next \d{4}-\d\d-\d\dT0[67]:00:00\.000Z/],
  ])(
    'starts in HTTP mode (alert channel %s), serves /healthz, stops on SIGTERM',
    async (channel, reminderLine) => {
      slack = await startFakeSlack();
      child = spawn(process.execPath, [main], {
        env: {
          PATH: process.env.PATH ?? '',
          SLACK_BOT_TOKEN: 'xoxb-test-token',
          SLACK_SIGNING_SECRET: 'test-secret',
          SLACK_API_URL: slack.apiUrl,
          TREMPLINS_API_URL: 'http://127.0.0.1:9',
          TREMPLINS_API_KEY: 'test-key',
          PORT: '0',
          ...(channel ? { TREMPLINS_ALERT_CHANNEL: channel } : {}),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const [[, port]] = await Promise.all([
        waitForOutput(child, /listening on port (\d+)/),
        waitForOutput(child, reminderLine),
      ]);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
  );
});
