export { API_VERSION, createApp } from './app.ts';
export { FieldCipher, generateDataKey, normalizeCafNumber, parseDataKey } from './crypto/field-cipher.ts';
export { openStore, type Store, type StoreConfig } from './db/store.ts';
export type { AppEnv, Deps, Principal, Role } from './deps.ts';
export { PROBLEM_CODES, type Problem, type ProblemCode, ProblemSchema } from './http/problem.ts';
export { type RunningServer, type ServerOptions, startServer } from './server.ts';
