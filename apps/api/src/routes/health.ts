import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { operations } from '@tremplins/client';
import type { AppEnv } from '../deps.ts';
import { access } from '../http/access-policy.ts';

export function healthRoutes(isReady: () => boolean, version: string) {
  return new OpenAPIHono<AppEnv>().openapi(
    createRoute({ ...operations.getHealth, middleware: access('getHealth') }),
    (c) => c.json({ status: isReady() ? ('ok' as const) : ('starting' as const), version }, 200),
  );
}
