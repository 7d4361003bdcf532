import { hc } from 'hono/client';
import type { AppType } from './app.ts';

export interface ClientOptions {
  /** e.g. `http://127.0.0.1:8787` */
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
}

/**
 * A typed client of the API (Hono RPC): paths, parameters and answers are checked by TypeScript
 * against the server's own route declarations, e.g. `client.v1.places.$get({ query: { asOf } })`.
 */
export function createClient(options: ClientOptions) {
  return hc<AppType>(options.baseUrl, {
    headers: { Authorization: `Bearer ${options.apiKey}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

export type TremplinsClient = ReturnType<typeof createClient>;
export type { AppType };
