import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { operations } from '@tremplins/client';
import type { AppEnv } from '../deps.ts';

export function healthRoutes(isReady: () => boolean, version: string) {
  return new OpenAPIHono<AppEnv>().openapi(createRoute(operations.getHealth), (c) =>
    c.json({ status: isReady() ? ('ok' as const) : ('starting' as const), version }, 200),
  );
}
