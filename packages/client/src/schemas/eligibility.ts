import { EligibilityRequestSchema, EligibilityResultSchema } from '@tremplins/rules';
import { z } from 'zod';

/** The most requests one batch may hold. */
export const BATCH_MAX = 10_000;

export const EligibilityBatchRequestSchema = z
  .object({ requests: z.array(EligibilityRequestSchema).min(1).max(BATCH_MAX) })
  .strict()
  .meta({ id: 'EligibilityBatchRequest' });

export const EligibilityBatchItemSchema = z
  .object({
    index: z.number().int(),
    result: EligibilityResultSchema.optional(),
    error: z
      .object({
        code: z.string(),
        detail: z.string(),
        errors: z.array(z.object({ path: z.string(), message: z.string() })),
      })
      .optional(),
  })
  .meta({ id: 'EligibilityBatchItem' });

export const EligibilityBatchResponseSchema = z.object({ results: z.array(EligibilityBatchItemSchema) });

export type EligibilityBatchRequest = z.input<typeof EligibilityBatchRequestSchema>;
export type EligibilityBatchItem = z.infer<typeof EligibilityBatchItemSchema>;
export type EligibilityBatchResponse = z.infer<typeof EligibilityBatchResponseSchema>;
