import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Deps, Role } from '../deps.ts';
import { type FailedAuthWindow, type KeyVerifier, keyIdOf } from '../services/api-keys.ts';
import { recordRefusal } from './audited.ts';
import { ApiProblem, problem } from './problem.ts';

/** The peer's address as the socket gives it (a proxy in front would need its own rule). */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Resolves the bearer key into a principal; every /v1 route needs one. An address that failed too
 * often in the last minute is refused first (429), before any hashing or query.
 */
export function authenticate(deps: Deps, keys: KeyVerifier, failures: FailedAuthWindow) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const address = clientAddress(c);
    const wait = failures.retryAfter(address);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return problem(c, 'rate_limited', 'too many failed authentications from this address; retry later');
    }
    const header = c.req.header('authorization');
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    let store: Awaited<Deps['store']>;
    try {
      store = await deps.store;
    } catch {
      return problem(c, 'not_ready', 'the database could not be opened; the service is not available');
    }
    if (!match) {
      failures.record(address);
      await recordRefusal(c, store, 401, { keyId: null, resource: 'authentication' });
      c.header('WWW-Authenticate', 'Bearer realm="tremplins"');
      return problem(c, 'unauthenticated', 'send an API key as `Authorization: Bearer <key>`');
    }
    const principal = await keys.verify(store, match[1] as string);
    if (!principal) {
      failures.record(address);
      await recordRefusal(c, store, 401, { keyId: keyIdOf(match[1] as string), resource: 'authentication' });
      c.header('WWW-Authenticate', 'Bearer realm="tremplins", error="invalid_token"');
      return problem(c, 'unauthenticated', 'this API key is unknown or revoked');
    }
    c.set('principal', principal);
    c.set('store', store);
    await next();
  });
}

/** The roles a route admits (convention art. 13: a partner never reaches personal data). */
export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { role } = c.get('principal');
    if (!roles.includes(role)) {
      throw new ApiProblem('forbidden', `a ${role} key may not do this; allowed: ${roles.join(', ')}`);
    }
    await next();
  });
}

/** Bodies are JSON: anything else is refused before it is read (a bodyless POST, e.g. a renewal, passes). */
export const requireJson = createMiddleware<AppEnv>(async (c, next) => {
  const length = c.req.header('content-length');
  const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
  if (hasBody) {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      return problem(c, 'unsupported_media_type', 'send the body as application/json');
    }
  }
  await next();
});

/**
 * Refuses large bodies. A declared Content-Length is checked without touching the stream (hono's
 * bodyLimit materialises it, which costs half the throughput); chunked bodies are counted as they come.
 */
export function limitBody(maxBytes: number) {
  const streaming = bodyLimit({
    maxSize: maxBytes,
    onError: (c) => problem(c, 'payload_too_large', `the body exceeds ${maxBytes} bytes`),
  });
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('content-length');
    if (declared !== undefined) {
      if (Number(declared) > maxBytes)
        return problem(c, 'payload_too_large', `the body exceeds ${maxBytes} bytes`);
      return next();
    }
    return streaming(c, next);
  });
}
