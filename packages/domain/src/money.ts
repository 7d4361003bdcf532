import { z } from 'zod';
import { DomainError } from './errors.ts';

/** An amount of money in integer euro cents (API fields holding money end in `Cents`). */
export type Cents = number;

export const CentsSchema = z
  .number()
  .int('must be a whole number of cents')
  .refine(Number.isSafeInteger, 'must be a safe integer')
  .meta({ id: 'Cents', description: 'An amount in integer euro cents (19700000 = 197 000,00 €).' });

/** An amount that cannot be below zero: a participation, a budget, a credit. */
export const AmountCentsSchema = z
  .number()
  .int('must be a whole number of cents')
  .nonnegative('must not be negative')
  .refine(Number.isSafeInteger, 'must be a safe integer')
  .meta({ id: 'AmountCents', description: 'A non-negative amount in integer euro cents.' });

/** Euros to cents: `euros(197_000)` is 19 700 000 cents, `euros(19.99)` 1 999; a sub-cent amount is refused. */
export function euros(amount: number): Cents {
  // 19.99 * 100 is 1998.9999999999998 in binary floating point: round, but refuse sub-cent amounts.
  const cents = Math.round(amount * 100);
  if (!Number.isSafeInteger(cents) || Math.abs(amount * 100 - cents) > 1e-6) {
    throw new DomainError('invalid_input', `euros(${amount}) is not a whole number of cents`);
  }
  return cents;
}

const formatter = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/**
 * French display, `197 000,00 €`. Intl puts a narrow no-break space (U+202F) between thousands and a
 * no-break space (U+00A0) before the sign, as French typography wants; pass `{ plainSpaces: true }`
 * for ASCII spaces (CSV, plain-text mail).
 */
export function formatEuros(cents: Cents, options: { plainSpaces?: boolean } = {}): string {
  const text = formatter.format(cents / 100);
  return options.plainSpaces ? text.replace(/[\u202f\u00a0]/g, ' ') : text;
}

/**
 * `amount × numerator / denominator` rounded once, to the nearest cent, halves away from zero.
 * BigInt keeps the intermediate product exact, so proration never accumulates rounding.
 */
export function mulDivRound(amount: Cents, numerator: bigint, denominator: bigint): Cents {
  if (denominator <= 0n) throw new DomainError('invalid_input', 'denominator must be positive');
  const product = BigInt(amount) * numerator;
  const negative = product < 0n;
  const magnitude = negative ? -product : product;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  return Number(negative ? -rounded : rounded);
}
