export {
  type ClientOptions,
  createClient,
  type OperationInput,
  type OperationResult,
  type TremplinsClient,
} from './client.ts';
export { ApiError, ApiUnavailableError } from './errors.ts';
export { bearer, defineOperation, json, jsonBody, type Method, type Operation } from './operation.ts';
export { type OperationId, type Operations, operations } from './operations/index.ts';
export * from './schemas/index.ts';
