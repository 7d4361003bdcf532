import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { CentsSchema, euros, formatEuros, mulDivRound } from './money.ts';

/** Runs `fn`, which must throw, and returns what it threw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

const abs = (x: bigint) => (x < 0n ? -x : x);

describe('formatEuros', () => {
  it('uses French typography: narrow no-break space between thousands, no-break space before €', () => {
    expect(formatEuros(19_700_000)).toBe('197\u202f000,00\u00a0€');
  });

  it('uses ASCII spaces with plainSpaces', () => {
    expect(formatEuros(19_700_000, { plainSpaces: true })).toBe('197 000,00 €');
    expect(formatEuros(123_456_789, { plainSpaces: true })).toBe('1 234 567,89 €');
    expect(formatEuros(123_456_789, { plainSpaces: true })).not.toMatch(/[\u202f\u00a0]/);
  });

  it.each([
    { cents: 0, text: '0,00\u00a0€' },
    { cents: 5, text: '0,05\u00a0€' },
    { cents: 99, text: '0,99\u00a0€' },
    { cents: 100, text: '1,00\u00a0€' },
    { cents: 123_456_789, text: '1\u202f234\u202f567,89\u00a0€' },
    { cents: -12_345, text: '-123,45\u00a0€' },
    { cents: -5, text: '-0,05\u00a0€' },
    { cents: -19_700_000, text: '-197\u202f000,00\u00a0€' },
  ])('formatEuros($cents) = $text', ({ cents, text }) => {
    expect(formatEuros(cents)).toBe(text);
  });
});

describe('euros', () => {
  it.each([
    { amount: 197_000, cents: 19_700_000 },
    { amount: 0, cents: 0 },
    { amount: 1, cents: 100 },
    { amount: -250, cents: -25_000 },
    { amount: 0.5, cents: 50 },
  ])('euros($amount) = $cents cents', ({ amount, cents }) => {
    expect(euros(amount)).toBe(cents);
  });

  it.each([0.005, 1.234, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER])(
    'euros(%d) throws invalid_input',
    (amount) => {
      const error = thrown(() => euros(amount));
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('invalid_input');
    },
  );
});

describe('mulDivRound', () => {
  it('prorates 132 000 € over 9 months of 12 exactly', () => {
    expect(mulDivRound(13_200_000, 9n, 12n)).toBe(9_900_000);
  });

  it('rounds once, to the nearest cent', () => {
    expect(mulDivRound(19_700_000, 7n, 12n)).toBe(11_491_667); // 11 491 666.67
    expect(mulDivRound(19_700_000, 5n, 12n)).toBe(8_208_333); // 8 208 333.33
    expect(mulDivRound(100, 1n, 3n)).toBe(33);
    expect(mulDivRound(200, 1n, 3n)).toBe(67);
    expect(mulDivRound(-200, 1n, 3n)).toBe(-67);
    expect(mulDivRound(0, 5n, 7n)).toBe(0);
  });

  it.each([
    { amount: 1, numerator: 1n, denominator: 2n, result: 1 },
    { amount: 3, numerator: 1n, denominator: 2n, result: 2 },
    { amount: 5, numerator: 1n, denominator: 2n, result: 3 },
    { amount: -1, numerator: 1n, denominator: 2n, result: -1 },
    { amount: -3, numerator: 1n, denominator: 2n, result: -2 },
    { amount: -5, numerator: 1n, denominator: 2n, result: -3 },
    { amount: 5, numerator: -1n, denominator: 2n, result: -3 },
    { amount: -5, numerator: -1n, denominator: 2n, result: 3 },
    { amount: 15, numerator: 1n, denominator: 10n, result: 2 },
    { amount: -15, numerator: 1n, denominator: 10n, result: -2 },
    { amount: 14, numerator: 1n, denominator: 10n, result: 1 },
    { amount: -14, numerator: 1n, denominator: 10n, result: -1 },
  ])(
    'rounds halves away from zero: $amount × $numerator / $denominator = $result',
    ({ amount, numerator, denominator, result }) => {
      expect(mulDivRound(amount, numerator, denominator)).toBe(result);
    },
  );

  it('keeps the intermediate product exact beyond 2^53', () => {
    expect(mulDivRound(Number.MAX_SAFE_INTEGER, 3n, 3n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(mulDivRound(Number.MAX_SAFE_INTEGER, 1_000_001n, 1_000_001n)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([0n, -1n, -12n])('throws invalid_input for denominator %s', (denominator) => {
    const error = thrown(() => mulDivRound(100, 1n, denominator));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('invalid_input');
  });

  it('is within half a cent of the exact rational, halves going away from zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }),
        fc.bigInt({ min: -100_000n, max: 100_000n }),
        fc.bigInt({ min: 1n, max: 100_000n }),
        (amount, numerator, denominator) => {
          const result = mulDivRound(amount, numerator, denominator);
          expect(Number.isSafeInteger(result)).toBe(true);
          const exact = BigInt(amount) * numerator; // the rational is exact / denominator
          const scaled = BigInt(result) * denominator;
          const twiceError = 2n * abs(exact - scaled);
          expect(twiceError <= denominator).toBe(true);
          if (twiceError === denominator) {
            // A tie: the result is the one of the two neighbours farther from zero.
            expect(abs(scaled) > abs(exact)).toBe(true);
          }
        },
      ),
    );
  });

  it('is exact when the denominator divides the product', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.bigInt({ min: 1n, max: 10_000n }),
        (amount, denominator) => {
          expect(mulDivRound(amount, denominator, denominator)).toBe(amount);
          expect(mulDivRound(amount * 12, 7n, 12n)).toBe(amount * 7);
        },
      ),
    );
  });
});

describe('CentsSchema', () => {
  it.each([0, 1, -1, 19_700_000, Number.MAX_SAFE_INTEGER])('accepts %d', (value) => {
    expect(CentsSchema.parse(value)).toBe(value);
  });

  it.each([1.5, 0.01, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, '100', null])('rejects %s', (value) => {
    expect(CentsSchema.safeParse(value).success).toBe(false);
  });

  it('says why 1.5 is refused', () => {
    const result = CentsSchema.safeParse(1.5);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain('must be a whole number of cents');
  });
});
