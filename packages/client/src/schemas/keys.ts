import { trimmedText } from '@tremplins/domain';
import { z } from 'zod';

export const NewKeySchema = z
  .object({
    role: z.enum(['department', 'association', 'partner']),
    associationId: trimmedText(z.string().trim().min(1).max(100)).optional(),
    label: trimmedText(z.string().trim().min(1).max(200)),
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
  .meta({ id: 'NewKey' });

export const CreatedKeySchema = z.object({
  id: z.string(),
  key: z.string().meta({ description: 'Shown once; store it now' }),
});

export const RevokedKeySchema = z.object({ id: z.string(), revoked: z.literal(true) });

export type NewKey = z.infer<typeof NewKeySchema>;
export type CreatedKey = z.infer<typeof CreatedKeySchema>;
export type RevokedKey = z.infer<typeof RevokedKeySchema>;
