import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { trimmedMinPattern, trimmedText } from './text.ts';

describe('trimmedMinPattern', () => {
  it('matches a text exactly when it has `min` characters once trimmed, as zod counts them', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 16 }),
      fc.string({
        unit: fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u2003', '\ufeff', 'a', '😀'),
        maxLength: 16,
      }),
    );
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 12 }), (s, min) => {
        const zodAccepts = z.string().trim().min(min).safeParse(s).success;
        expect(new RegExp(trimmedMinPattern(min), 'u').test(s), JSON.stringify(s)).toBe(zodAccepts);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a minimum below 1', () => {
    expect(() => trimmedMinPattern(0)).toThrow(RangeError);
    expect(() => trimmedText(z.string().trim())).toThrow(RangeError);
  });

  it('adds the pattern to the JSON Schema and leaves zod validation as it was', () => {
    const schema = trimmedText(z.string().trim().min(3, 'too short'));
    expect(z.toJSONSchema(schema)).toMatchObject({
      type: 'string',
      minLength: 3,
      pattern: trimmedMinPattern(3),
    });
    expect(schema.safeParse('  ab  ').error?.issues.map((i) => i.message)).toEqual(['too short']);
    expect(schema.parse(' abc ')).toBe('abc');
  });
});
