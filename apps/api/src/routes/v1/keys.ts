import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../../http/middleware.ts';
import { ApiProblem } from '../../http/problem.ts';
import { bearer, errorResponses, json, jsonBody } from '../../http/responses.ts';
import { createApiKey, revokeApiKey } from '../../services/api-keys.ts';
import { audit } from '../../services/audit.ts';
import { router } from '../router.ts';

export const NewKeySchema = z
  .object({
    role: z.enum(['department', 'association', 'partner']),
    associationId: z.string().trim().min(1).max(100).optional(),
    label: z.string().trim().min(1).max(200),
  })
  .strict()
  .superRefine((k, ctx) => {
    if ((k.role === 'association') !== (k.associationId !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['associationId'],
        message: 'required for an association key, and only for one',
      });
    }
  })
  .openapi('NewKey');

const department = requireRole('department');

const create = createRoute({
  method: 'post',
  path: '/',
  summary: 'Create an API key (shown once)',
  tags: ['keys'],
  security: bearer,
  middleware: department,
  request: { body: jsonBody(NewKeySchema) },
  responses: {
    201: json(
      z.object({ id: z.string(), key: z.string().openapi({ description: 'Shown once; store it now' }) }),
      'The key.',
    ),
    ...errorResponses(403, 413, 415),
  },
});

const revoke = createRoute({
  method: 'delete',
  path: '/{id}',
  summary: 'Revoke an API key',
  tags: ['keys'],
  security: bearer,
  middleware: department,
  request: { params: z.object({ id: z.string().min(1) }) },
  responses: {
    200: json(z.object({ id: z.string(), revoked: z.literal(true) }), 'Revoked.'),
    ...errorResponses(403, 404),
  },
});

export function keyRoutes(onChange: () => void) {
  return router()
    .openapi(create, async (c) => {
      const created = await createApiKey(c.get('store'), c.req.valid('json'));
      await audit(c.get('store'), c.get('principal'), 'create', 'api_key', created.id);
      return c.json(created, 201);
    })
    .openapi(revoke, async (c) => {
      const { id } = c.req.valid('param');
      if (!(await revokeApiKey(c.get('store'), id))) throw new ApiProblem('not_found', `no active key ${id}`);
      onChange();
      await audit(c.get('store'), c.get('principal'), 'revoke', 'api_key', id);
      return c.json({ id, revoked: true as const }, 200);
    });
}
