import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isWithinWindow, withRequestWindow } from './request-window.ts';

const NOW_MS = 1_654_070_400_000;
const NOW = NOW_MS / 1000;

describe('isWithinWindow (|now − timestamp| ≤ 300 s)', () => {
  it.each([
    [String(NOW), true],
    [String(NOW - 300), true],
    [String(NOW + 300), true],
    [String(NOW - 301), false],
    [String(NOW + 301), false],
    [String(NOW - 600), false],
    [String(NOW + 600), false],
    [String(NOW + 3600), false],
    ['', false],
    ['abc', false],
    [`${NOW}.5`, false],
    ['-1', false],
    [undefined, false],
    [[String(NOW), String(NOW)], false],
  ])('%j → %s', (header, expected) => {
    expect(isWithinWindow(header, NOW_MS)).toBe(expected);
  });
});

describe('withRequestWindow', () => {
  function call(method: string, url: string, timestamp: string | undefined) {
    let passed = false;
    let status: number | undefined;
    const listener = withRequestWindow(
      () => {
        passed = true;
      },
      { now: () => NOW_MS },
    );
    const req = {
      method,
      url,
      headers: timestamp === undefined ? {} : { 'x-slack-request-timestamp': timestamp },
      resume: () => undefined,
    } as unknown as IncomingMessage;
    const res = {
      writeHead(code: number) {
        status = code;
        return { end: () => undefined };
      },
    } as unknown as ServerResponse;
    listener(req, res);
    return { passed, status };
  }

  it.each([
    '/slack/events',
    '/slack/./events',
    '/x/../slack/events',
    '//elsewhere.example/slack/events',
    '/slack/events?ssl_check=1',
    '/anything',
  ])('refuses a POST to %s one hour ahead, before the listener', (url) => {
    expect(call('POST', url, String(NOW + 3600))).toEqual({ passed: false, status: 401 });
    expect(call('post', url, String(NOW - 3600))).toEqual({ passed: false, status: 401 });
    expect(call('POST', url, undefined)).toEqual({ passed: false, status: 401 });
  });

  it.each(['/slack/./events', '/x/../slack/events'])('passes a POST to %s on time', (url) => {
    expect(call('POST', url, String(NOW + 240))).toEqual({ passed: true, status: undefined });
  });

  it('passes a GET (the health check) without a timestamp', () => {
    expect(call('GET', '/healthz', undefined)).toEqual({ passed: true, status: undefined });
  });
});
