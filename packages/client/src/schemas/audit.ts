import { z } from 'zod';

/** An ISO 8601 instant, with its offset (`2022-06-01T00:00:00Z`, `2022-06-01T02:00:00+02:00`). */
const Instant = z.iso.datetime({ offset: true });

export const AuditQuerySchema = z
  .object({
    keyId: z.string().min(1).max(100).optional().meta({ description: 'Events of this API key only' }),
    resourceId: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .meta({ description: 'Events that name this record (a pseudonymous id)' }),
    from: Instant.optional().meta({ description: 'Events at or after this instant' }),
    to: Instant.optional().meta({ description: 'Events at or before this instant' }),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    before: z.coerce
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: 'The `next` of the previous page' }),
  })
  .strict();

export const AuditEventSchema = z
  .object({
    id: z.number().int(),
    at: z.string().meta({ description: 'When, as an ISO 8601 instant (UTC)' }),
    keyId: z.string().nullable(),
    operation: z.string().nullable(),
    action: z.string().meta({ example: 'read' }),
    resource: z.string().meta({ example: 'stay' }),
    resourceIds: z.array(z.string()),
    outcome: z.string().meta({ description: '`ok`, or the HTTP status of a refusal', example: 'ok' }),
  })
  .meta({ id: 'AuditEvent' });

export const AuditPageSchema = z.object({
  events: z.array(AuditEventSchema),
  next: z.number().int().nullable().meta({ description: 'Pass as `before` for the next (older) page' }),
});

export type AuditQuery = z.infer<typeof AuditQuerySchema>;
export type AuditEvent = z.infer<typeof AuditEventSchema>;
export type AuditPage = z.infer<typeof AuditPageSchema>;
