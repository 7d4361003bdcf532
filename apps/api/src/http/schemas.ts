import { z } from '@hono/zod-openapi';
import { IsoDateSchema } from '@tremplins/domain';

/** Query dates: `YYYY-MM-DD`, validated as real calendar dates. */
export const DateQuery = IsoDateSchema;

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: '2022-417' }),
});
