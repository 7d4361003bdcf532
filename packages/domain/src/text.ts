import type { z } from 'zod';

/**
 * JSON Schema `pattern` for a text that zod trims before counting its length: at least `min`
 * characters between the first and the last non-blank one. JavaScript's `\s` is exactly the set
 * `String.prototype.trim()` removes, so `"   "` is refused by both, as is a 9-character rationale
 * padded with spaces.
 */
export function trimmedMinPattern(min: number): string {
  if (!Number.isInteger(min) || min < 1) throw new RangeError(`min must be a positive integer, not ${min}`);
  return min === 1 ? '\\S' : `^\\s*\\S[\\s\\S]{${min - 2},}\\S\\s*$`;
}

/**
 * `schema` (a `z.string().trim().min(n)…`) with the JSON Schema pattern that states its trimmed
 * minimum length, for the published JSON Schemas and the API's OpenAPI document; validation by zod is
 * unchanged. A `maxLength` stays a bound on the raw text (see the known gaps in json-schemas.test.ts).
 */
export function trimmedText<T extends z.ZodString>(schema: T): T {
  const min = schema.minLength;
  if (min === null || min < 1) throw new RangeError('trimmedText() needs a schema with .min(1) or more');
  return schema.meta({ pattern: trimmedMinPattern(min) });
}
