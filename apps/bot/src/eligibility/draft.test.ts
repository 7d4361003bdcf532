// The « Compléter » button's value: sealed answers that only the person who asked can open, for a day.
import { describe, expect, it } from 'vitest';
import type { Answers } from './answers.ts';
import { createDraftSealer } from './draft.ts';

const ANSWERS: Answers = {
  birthDate: '2003-03-14',
  commune: '62637',
  aseStatus: 'former',
  inInsertionPath: true,
};

describe('createDraftSealer', () => {
  let clock = 1_654_070_400_000;
  const sealer = createDraftSealer('signing-secret', { now: () => clock });

  it('opens what it sealed, for the same user', () => {
    expect(sealer.open('U1', sealer.seal('U1', ANSWERS))).toEqual(ANSWERS);
  });

  it('hides the answers: neither the birth date nor the commune appears in the value', () => {
    const token = sealer.seal('U1', ANSWERS);
    expect(token).not.toContain('2003');
    expect(Buffer.from(token, 'base64url').toString('latin1')).not.toContain('2003-03-14');
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token.length).toBeLessThan(2000);
  });

  it('seals the same answers differently each time (random IV)', () => {
    expect(sealer.seal('U1', ANSWERS)).not.toBe(sealer.seal('U1', ANSWERS));
  });

  it('refuses another user', () => {
    expect(sealer.open('U2', sealer.seal('U1', ANSWERS))).toBeNull();
  });

  it('refuses a token sealed with another secret', () => {
    const other = createDraftSealer('another-secret', { now: () => clock });
    expect(sealer.open('U1', other.seal('U1', ANSWERS))).toBeNull();
  });

  it('refuses a tampered token', () => {
    const token = sealer.seal('U1', ANSWERS);
    const raw = Buffer.from(token, 'base64url');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(sealer.open('U1', raw.toString('base64url'))).toBeNull();
  });

  it.each(['', 'abc', '!!!', 'a'.repeat(3000)])('refuses garbage %#', (token) => {
    expect(sealer.open('U1', token)).toBeNull();
  });

  it('expires after 24 hours', () => {
    const token = sealer.seal('U1', ANSWERS);
    clock += 24 * 60 * 60 * 1000 - 1;
    expect(sealer.open('U1', token)).toEqual(ANSWERS);
    clock += 2;
    expect(sealer.open('U1', token)).toBeNull();
  });
});
