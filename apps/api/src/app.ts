import { OpenAPIHono } from '@hono/zod-openapi';
import { BATCH_MAX, PROBLEM_DESCRIPTIONS } from '@tremplins/client';
import { HTTPException } from 'hono/http-exception';
import { rateLimiter } from 'hono-rate-limiter';
import { IntegrityError } from './crypto/field-cipher.ts';
import type { AppEnv, Deps } from './deps.ts';
import { ACCESS, type OperationId } from './http/access-policy.ts';
import { recordRefusal } from './http/audited.ts';
import { docsRoutes } from './http/docs.ts';
import { IDEMPOTENCY_TTL_HOURS, idempotency } from './http/idempotency.ts';
import { strictJsonBody } from './http/input-safety.ts';
import { authenticate, limitBody, requireJson } from './http/middleware.ts';
import { problem, toApiProblem } from './http/problem.ts';
import { healthRoutes } from './routes/health.ts';
import { applicationRoutes } from './routes/v1/applications.ts';
import { auditRoutes } from './routes/v1/audit.ts';
import { beneficiaryRoutes } from './routes/v1/beneficiaries.ts';
import { conventionRoutes } from './routes/v1/conventions.ts';
import { eligibilityRoutes } from './routes/v1/eligibility.ts';
import { keyRoutes } from './routes/v1/keys.ts';
import { apartmentRoutes, placeRoutes } from './routes/v1/places.ts';
import { stayRoutes } from './routes/v1/stays.ts';
import { FailedAuthWindow, KeyVerifier } from './services/api-keys.ts';
import { API_VERSION } from './version.ts';

export { API_VERSION };

const PERSONAL_DATA_PATHS = [
  '/v1/beneficiaries',
  '/v1/applications',
  '/v1/stays',
  '/v1/keys',
  '/v1/audit',
] as const;

/**
 * The whole HTTP API as a Hono app. It holds no state of its own beyond a short cache of key rows:
 * everything comes from `deps`, so tests build one per case and the server builds one per process.
 */
export function createApp(deps: Deps) {
  const keys = new KeyVerifier();
  const failures = new FailedAuthWindow(deps.failedAuthPerMinute ?? 60);
  let ready = false;
  deps.store.then(
    () => {
      ready = true;
    },
    () => {},
  );

  const app = new OpenAPIHono<AppEnv>();
  const batchLimit = limitBody(BATCH_MAX * 1_024);
  const bodyLimit = limitBody(64 * 1_024);
  app.use('*', async (c, next) => {
    // Set before the handler runs: headers added to a finished response make Hono copy it.
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    if (c.req.path.startsWith('/v1')) c.header('Cache-Control', 'no-store');
    await next();
  });
  app.use('/v1/*', requireJson);
  app.use('/v1/*', (c, next) =>
    c.req.path === '/v1/eligibility/batch' ? batchLimit(c, next) : bodyLimit(c, next),
  );
  app.use('/v1/*', authenticate(deps, keys, failures));
  // After the key: an anonymous caller gets 401 before its body is even read.
  app.use('/v1/*', strictJsonBody);
  app.use('/v1/*', idempotency(deps.cipher));
  // Personal data and key management: a bounded pace per key, so a leaked key cannot enumerate (OWASP API6).
  const perKey = rateLimiter<AppEnv>({
    windowMs: 60_000,
    limit: deps.personalDataRatePerMinute ?? 600,
    standardHeaders: 'draft-7',
    keyGenerator: (c) => c.get('principal').keyId,
    handler: async (c) => {
      await recordRefusal(c, c.get('store'), 429);
      return problem(c, 'rate_limited', 'too many requests for this key; retry after the Retry-After delay');
    },
  });
  // `/x/*` matches `/x` itself too: one registration, one count per request.
  for (const path of PERSONAL_DATA_PATHS) app.use(`${path}/*`, perKey);

  // The operations carry full paths (`/v1/places`, from @tremplins/client's contract): every router mounts at `/`.
  app
    .route(
      '/',
      healthRoutes(() => ready, API_VERSION),
    )
    .route('/', eligibilityRoutes())
    .route('/', conventionRoutes(deps))
    .route('/', placeRoutes(deps))
    .route('/', apartmentRoutes())
    .route('/', beneficiaryRoutes(deps))
    .route('/', applicationRoutes(deps))
    .route('/', stayRoutes(deps))
    .route(
      '/',
      keyRoutes(() => keys.forget()),
    )
    .route('/', auditRoutes());

  app.openAPIRegistry.registerComponent('securitySchemes', 'Bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key: `Authorization: Bearer trk_…`. Roles: department, association, partner.',
  });
  // The document is generated once, on first demand (it takes tens of milliseconds), after every route exists.
  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  const documentConfig = {
    openapi: '3.1.0',
    info: {
      title: 'Tremplins API',
      version: API_VERSION,
      license: { name: 'MIT', identifier: 'MIT' },
      description:
        'Convention n°2022-417 (Département du Pas-de-Calais × Rencontres et Loisirs): eligibility, places, stays, occupancy, funding and deadlines. Money in cents, dates YYYY-MM-DD, errors as RFC 9457 problem+json with a stable `code`.',
    },
    servers: [{ url: '/' }],
  };
  app.get('/openapi.json', (c) => {
    document ??= withIdempotencyKeys(app.getOpenAPI31Document(documentConfig));
    return c.json(document);
  });
  app.route('/', docsRoutes());

  app.notFound((c) => problem(c, 'not_found', 'no such route (see /openapi.json)'));
  app.onError(async (error, c) => {
    const known = toApiProblem(error);
    if (known) {
      await recordRefusal(c, c.get('store'), known.status);
      return problem(c, known.code, known.message, known.extra);
    }
    if (error instanceof HTTPException) {
      if (error.status === 400) return problem(c, 'malformed_json', 'the body is not valid JSON');
      if (error.status === 413) return problem(c, 'payload_too_large', 'the body is too large');
    }
    if (error instanceof IntegrityError) {
      // Table and pseudonymous row id only: enough to find the row, nothing of its value.
      deps.log(`integrity error on ${error.table} row ${error.rowId} (${c.req.method} ${c.req.routePath})`);
      await recordRefusal(c, c.get('store'), 500, {
        action: 'integrity_error',
        resource: error.table,
        resourceId: error.rowId,
      });
      return problem(
        c,
        'integrity_error',
        'a stored value failed its integrity check; it has been logged and reported',
      );
    }
    // A database that went away after start-up (restart, failover, network) is a 503, not a bug.
    if (isConnectionError(error)) {
      deps.log(`database unreachable on ${c.req.method} ${c.req.routePath}`);
      return problem(c, 'not_ready', 'the database cannot be reached; retry later');
    }
    // The message may quote stored values; only the error's class is logged, never its text.
    deps.log(`error ${c.req.method} ${c.req.routePath} ${error.name}`);
    return problem(c, 'internal', 'an unexpected error occurred; it has been logged without personal data');
  });

  return app;
}

/** Connection failures of either driver: node errors, PostgreSQL class 08 and admin shutdowns (57P). */
function isConnectionError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code)) return true;
    if (code.startsWith('08') || code.startsWith('57P')) return true;
  }
  return /Connection terminated|timeout exceeded when trying to connect/.test(
    (error as Error)?.message ?? '',
  );
}

/**
 * Every POST takes an optional `Idempotency-Key` (http/idempotency.ts, applied by middleware rather
 * than by each operation's contract), and those that create or change something can answer 409 for it.
 */
function withIdempotencyKeys<D extends { paths?: object }>(document: D): D {
  for (const item of Object.values((document.paths ?? {}) as Record<string, Record<string, unknown>>)) {
    const post = item.post as
      | { operationId?: string; parameters?: unknown[]; responses?: Record<string, unknown> }
      | undefined;
    if (!post) continue;
    post.parameters = [
      ...(post.parameters ?? []),
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: `A key of the caller's choosing: a retry with the same key and request gets the first answer (header \`Idempotent-Replayed: true\`) for ${IDEMPOTENCY_TTL_HOURS} h; with another request, 409. Ignored by POSTs that change nothing.`,
        schema: { type: 'string', pattern: '^[\\x21-\\x7E]{1,255}$' },
      },
    ];
    const pure = post.operationId ? ACCESS[post.operationId as OperationId]?.pure : undefined;
    if (!pure && post.responses && !post.responses['409']) {
      post.responses['409'] = {
        description: PROBLEM_DESCRIPTIONS[409],
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
  }
  return document;
}
