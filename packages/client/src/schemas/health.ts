import { z } from 'zod';

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'starting']).meta({ description: '`starting` while the database opens' }),
    version: z.string(),
  })
  .meta({ id: 'Health' });

export type Health = z.infer<typeof HealthSchema>;
