export { API_VERSION, type AppType, createApp } from './app.ts';
export { type ClientOptions, createClient, type TremplinsClient } from './client.ts';
export { FieldCipher, generateDataKey, normalizeCafNumber, parseDataKey } from './crypto/field-cipher.ts';
export { openStore, type Store, type StoreConfig } from './db/store.ts';
export type { AppEnv, Deps, Principal, Role } from './deps.ts';
export { PROBLEM_CODES, type Problem, type ProblemCode, ProblemSchema } from './http/problem.ts';
export * from './schemas.ts';
export { type RunningServer, type ServerOptions, startServer } from './server.ts';
