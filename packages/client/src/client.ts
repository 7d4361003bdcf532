import type { z } from 'zod';
import { ApiError, ApiUnavailableError } from './errors.ts';
import type { Operation } from './operation.ts';
import { type OperationId, type Operations, operations } from './operations/index.ts';

export interface ClientOptions {
  /** e.g. `http://127.0.0.1:8787`; a path prefix (`https://host/tremplins`) is kept. */
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  /** Per request, in milliseconds, reading the answer included (default 10 000). */
  timeoutMs?: number;
}

/** No field: what an operation without params, query or body takes. */
type Empty = Record<never, never>;

type Simplify<T> = { [K in keyof T]: T[K] };

/** Query values as sent: a coerced field (`withinDays`) takes its output type or a string. */
type QueryIn<I, O> = {
  [K in keyof I]: unknown extends I[K] ? Exclude<O[K & keyof O], undefined> | string | undefined : I[K];
};

type RequestOf<O> = O extends { request: infer R } ? R : Empty;
type ParamsPart<R> = R extends { params: infer P extends z.ZodType } ? { params: z.input<P> } : Empty;
type QueryPart<R> = R extends { query: infer Q extends z.ZodType }
  ? Empty extends QueryIn<z.input<Q>, z.output<Q>>
    ? { query?: QueryIn<z.input<Q>, z.output<Q>> }
    : { query: QueryIn<z.input<Q>, z.output<Q>> }
  : Empty;
type BodyPart<R> = R extends {
  body: { content: { 'application/json': { schema: infer B extends z.ZodType } } };
}
  ? { body: z.input<B> }
  : Empty;

/** What a call takes: `{ params, query, body }` as the operation declares them. */
export type OperationInput<O> = Simplify<
  ParamsPart<RequestOf<O>> & QueryPart<RequestOf<O>> & BodyPart<RequestOf<O>>
>;

type SuccessStatus = 200 | 201 | 202 | 204;

/** What a call resolves to: the success answer, parsed by its schema. */
export type OperationResult<O> = O extends { responses: infer Rs }
  ? {
      [S in keyof Rs & SuccessStatus]: Rs[S] extends {
        content: { 'application/json': { schema: infer T extends z.ZodType } };
      }
        ? z.output<T>
        : undefined;
    }[keyof Rs & SuccessStatus]
  : never;

type Args<O> = Empty extends OperationInput<O> ? [input?: OperationInput<O>] : [input: OperationInput<O>];

/** One method per operation of the API, named by its `operationId`. */
export type TremplinsClient = {
  [K in OperationId]: (...args: Args<Operations[K]>) => Promise<OperationResult<Operations[K]>>;
};

interface AnyInput {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/**
 * A typed client of the Tremplins API, derived from the contract ({@link operations}): e.g.
 * `client.listPlaces({ query: { asOf } })`, `client.getOccupancy({ params: { id }, query })`,
 * `client.createStay({ body })`. Answers are parsed with the operation's zod schema, so a server of
 * another version fails as an {@link ApiError} `invalid_response` rather than as a wrong value.
 *
 * Throws {@link ApiUnavailableError} on a network failure, a timeout or a 5xx; {@link ApiError} on a
 * 4xx (with the problem+json `code`) or an unreadable answer. Errors never carry the key or a body.
 */
export function createClient(options: ClientOptions): TremplinsClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function call(operationId: string, operation: Operation, input: AnyInput = {}): Promise<unknown> {
    const url = `${base}${fillPath(operationId, operation.path, input.params)}${queryString(input.query)}`;
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${options.apiKey}`,
    };
    if (input.body !== undefined) headers['content-type'] = 'application/json';
    const signal = AbortSignal.timeout(timeoutMs);

    let response: Response;
    try {
      response = await doFetch(url, {
        method: operation.method.toUpperCase(),
        headers,
        ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
        signal,
      });
    } catch (error) {
      throw new ApiUnavailableError(`${operationId}: ${(error as Error)?.name ?? 'fetch failed'}`, {
        cause: error,
      });
    }
    const { status } = response;
    if (status >= 500) {
      await discard(response);
      throw new ApiUnavailableError(`${operationId}: HTTP ${status}`, { status });
    }
    const declared = operation.responses[status];
    const schema = declared?.content?.['application/json']?.schema;
    if (response.ok && declared && !schema) {
      await discard(response);
      return undefined;
    }

    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if (signal.aborted) {
        throw new ApiUnavailableError(`${operationId}: TimeoutError`, { cause: error });
      }
      throw new ApiError(status, 'invalid_response', `${operationId}: HTTP ${status}, the body is not JSON`);
    }
    if (!response.ok) {
      const code = (body as { code?: unknown } | null)?.code;
      const known = typeof code === 'string' ? code : 'unknown';
      throw new ApiError(status, known, `${operationId}: HTTP ${status} ${known}`);
    }
    if (!schema) {
      throw new ApiError(
        status,
        'invalid_response',
        `${operationId}: HTTP ${status} is not an answer it declares`,
      );
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new ApiError(status, 'invalid_response', `${operationId}: unexpected reply shape`);
    }
    return parsed.data;
  }

  const client: Record<string, (input?: AnyInput) => Promise<unknown>> = {};
  for (const [operationId, operation] of Object.entries(operations) as [string, Operation][]) {
    client[operationId] = (input) => call(operationId, operation, input);
  }
  return client as unknown as TremplinsClient;
}

/** `/v1/stays/{id}` → `/v1/stays/<id, URL-encoded>`. */
function fillPath(operationId: string, path: string, params: Record<string, unknown> = {}): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === '') {
      throw new TypeError(`${operationId}: the path parameter ${name} is missing`);
    }
    return encodeURIComponent(String(value));
  });
}

/** `?a=1&b=2`, leaving out the parameters that are undefined (or null); '' when none is left. */
function queryString(query: Record<string, unknown> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, String(item));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Nothing to do: the body is not read.
  }
}
