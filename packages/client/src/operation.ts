import type { z } from 'zod';

/** The HTTP methods the API uses. */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A body or an answer of one media type, described by its zod schema. */
export type Content = Record<string, { schema: z.ZodType }>;

export interface OperationResponse {
  description: string;
  content?: Content;
}

/**
 * One operation of the API, in the shape of `@hono/zod-openapi`'s `RouteConfig` (the server spreads it
 * into `createRoute` and adds its middleware and handler), but written with plain zod and `.meta()`:
 * nothing here needs the server. Paths are full (`/v1/places/{id}`), in OpenAPI's `{param}` syntax.
 */
export interface Operation {
  method: Method;
  path: `/${string}`;
  /** Stable, camelCase: the method name on the typed client and the `operationId` of /openapi.json. */
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security?: Record<string, string[]>[];
  request?: {
    params?: z.ZodObject;
    query?: z.ZodObject;
    body?: { required: true; content: { 'application/json': { schema: z.ZodType } } };
  };
  responses: Record<number, OperationResponse>;
}

/** Identity: checks an operation against {@link Operation} and keeps its literal type (schemas, statuses). */
export function defineOperation<const O extends Operation>(operation: O): O {
  return operation;
}

/** A JSON answer: `{ description, content: { 'application/json': { schema } } }`. */
export function json<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A JSON request body. */
export function jsonBody<S extends z.ZodType>(schema: S) {
  // `required: true`, or a request without Content-Type would skip validation (zod-openapi injects {}).
  return { required: true as const, content: { 'application/json': { schema } } };
}

/** Every /v1 operation needs an API key (`Authorization: Bearer trk_…`). */
export const bearer: { Bearer: string[] }[] = [{ Bearer: [] }];
