import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { StoreConfig } from './db/store.ts';

/** The server's configuration, read from the environment once, with errors that name the variable. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  TREMPLINS_DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  TREMPLINS_DATA_KEY: z.string().min(1).optional(),
  /** Keys that sealed older values, comma-separated, still accepted for reading after a rotation. */
  TREMPLINS_RETIRED_DATA_KEYS: z.string().optional(),
  TREMPLINS_BOOTSTRAP_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  TREMPLINS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

/** The data directory holds the embedded database in `pgdata/` and, in local mode only, `local-data-key`. */
export function dataPaths(env: Env) {
  const root = resolve(env.TREMPLINS_DATA_DIR);
  return { root, pgdata: join(root, 'pgdata'), localKey: join(root, 'local-data-key') };
}

export function storeConfig(env: Env): StoreConfig {
  return env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : { kind: 'pglite', dataDir: dataPaths(env).pgdata };
}
