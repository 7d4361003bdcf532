import { join, resolve } from 'node:path';
import type { StoreConfig } from './db/store.ts';

/**
 * The server's configuration, read from the environment once, with errors that name the variable.
 * Checked by hand rather than with zod: this runs before the server listens, and loading zod there
 * would add a tenth of a second to every start (the rest of the app loads after the port is open).
 */
export interface Env {
  PORT: number;
  HOST: string;
  TREMPLINS_DATA_DIR: string;
  DATABASE_URL?: string;
  TREMPLINS_DATA_KEY?: string;
  /** Keys that sealed older values, comma-separated, still accepted for reading after a rotation. */
  TREMPLINS_RETIRED_DATA_KEYS?: string;
  TREMPLINS_BOOTSTRAP_KEY?: string;
  TREMPLINS_RATE_LIMIT_PER_MINUTE?: number;
  TREMPLINS_FAILED_AUTH_PER_MINUTE?: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function integer(value: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const problems: string[] = [];
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v === '' ? undefined : v;
  };
  const port = value('PORT');
  const rate = value('TREMPLINS_RATE_LIMIT_PER_MINUTE');
  const failedAuth = value('TREMPLINS_FAILED_AUTH_PER_MINUTE');
  const parsedFailedAuth = failedAuth === undefined ? undefined : integer(failedAuth, 1, 1_000_000);
  if (failedAuth !== undefined && parsedFailedAuth === undefined) {
    problems.push('TREMPLINS_FAILED_AUTH_PER_MINUTE: must be a positive whole number');
  }
  const url = value('DATABASE_URL');
  const bootstrap = value('TREMPLINS_BOOTSTRAP_KEY');
  const parsedPort = port === undefined ? 8787 : integer(port, 0, 65_535);
  if (parsedPort === undefined) problems.push(`PORT: must be a whole number from 0 to 65535`);
  const parsedRate = rate === undefined ? undefined : integer(rate, 1, 1_000_000);
  if (rate !== undefined && parsedRate === undefined) {
    problems.push('TREMPLINS_RATE_LIMIT_PER_MINUTE: must be a positive whole number');
  }
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url))
    problems.push('DATABASE_URL: must be a postgres:// URL');
  if (bootstrap !== undefined && bootstrap.length < 32) {
    problems.push('TREMPLINS_BOOTSTRAP_KEY: must be at least 32 characters');
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return {
    PORT: parsedPort as number,
    HOST: value('HOST') ?? '127.0.0.1',
    TREMPLINS_DATA_DIR: value('TREMPLINS_DATA_DIR') ?? './.data',
    DATABASE_URL: url,
    TREMPLINS_DATA_KEY: value('TREMPLINS_DATA_KEY'),
    TREMPLINS_RETIRED_DATA_KEYS: value('TREMPLINS_RETIRED_DATA_KEYS'),
    TREMPLINS_BOOTSTRAP_KEY: bootstrap,
    TREMPLINS_RATE_LIMIT_PER_MINUTE: parsedRate,
    TREMPLINS_FAILED_AUTH_PER_MINUTE: parsedFailedAuth,
  };
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
