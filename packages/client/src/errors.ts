/**
 * The two ways a call to the API fails. Neither ever carries the API key or a response body: their
 * messages name the operation, the HTTP status and the problem `code`, nothing a person typed.
 */

/** The API could not be reached, timed out, or failed on its side (5xx): worth retrying later. */
export class ApiUnavailableError extends Error {
  override readonly name = 'ApiUnavailableError';
  /** The 5xx status, when the API answered at all. */
  readonly status: number | undefined;

  constructor(message: string, options: ErrorOptions & { status?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
  }
}

/** The API answered with an error it meant (4xx), or with a body the client cannot read. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  /** The problem+json `code`, `invalid_response` for an unreadable body, or `unknown`. */
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}
