import type { z } from 'zod';

/** Machine codes a caller can switch on; the API maps them to RFC 9457 problems in one place. */
export type DomainErrorCode =
  | 'invalid_input'
  | 'invalid_date'
  | 'unknown_commune'
  | 'ambiguous_commune'
  | 'unknown_convention'
  | 'out_of_period';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `facts.birthDate`. */
  path: string;
  message: string;
}

/** The one error type of the domain: a machine code, a message for developers (in English), and the fields at fault. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: DomainErrorCode;
  readonly issues: readonly FieldIssue[];
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: DomainErrorCode,
    message: string,
    options: { issues?: FieldIssue[]; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.issues = options.issues ?? [];
    this.details = options.details ?? {};
  }
}

export function issuePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(root)';
}

/** Turns a zod failure into a DomainError whose message names every failing field. */
export function fromZodError(error: z.ZodError, prefix = ''): DomainError {
  const base = prefix ? [prefix] : [];
  // An unknown key is reported on the object; name the key itself so a form can point at it.
  const issues = error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: issuePath([...base, ...issue.path, key]),
          message: 'unknown field',
        }))
      : [{ path: issuePath([...base, ...issue.path]), message: issue.message }],
  );
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return new DomainError('invalid_input', `Invalid input: ${summary}`, { issues });
}

/** Parses with a schema and throws a DomainError naming the fields on failure. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(result.error, prefix);
  return result.data;
}
