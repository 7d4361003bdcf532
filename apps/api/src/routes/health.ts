import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../deps.ts';
import { json } from '../http/responses.ts';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'starting']).openapi({ description: '`starting` while the database opens' }),
    version: z.string(),
  })
  .openapi('Health');

const health = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Liveness and readiness (no key needed)',
  tags: ['service'],
  responses: { 200: json(HealthSchema, 'The process answers; `status` says whether the database is open.') },
});

export function healthRoutes(isReady: () => boolean, version: string) {
  return new OpenAPIHono<AppEnv>().openapi(health, (c) =>
    c.json({ status: isReady() ? ('ok' as const) : ('starting' as const), version }, 200),
  );
}
