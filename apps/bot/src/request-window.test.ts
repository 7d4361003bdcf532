import { describe, expect, it } from 'vitest';
import { isWithinWindow } from './request-window.ts';

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
