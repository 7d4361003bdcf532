import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Validates requests and answers against the API's own /openapi.json with ajv (JSON Schema 2020-12,
 * which OpenAPI 3.1 schemas are), as a partner that generated its client from the document would:
 * a test that passes here means the document tells the truth about the server.
 */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, unknown> };
}

interface OperationObject {
  operationId: string;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

export interface DocumentedOperation {
  operationId: string;
  method: string;
  path: string;
  operation: OperationObject;
}

export class OpenApiValidator {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly operations: Map<string, DocumentedOperation>;
  readonly document: OpenApiDocument;

  constructor(document: OpenApiDocument) {
    this.document = document;
    // The document's own keywords (openapi, info, paths…) and `example` are not JSON Schema.
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(this.ajv);
    this.ajv.addSchema(document as object, 'openapi.json');
    this.operations = new Map(
      Object.entries(document.paths).flatMap(([path, item]) =>
        Object.entries(item).map(([method, operation]) => [
          operation.operationId,
          { operationId: operation.operationId, method: method.toUpperCase(), path, operation },
        ]),
      ),
    );
  }

  operation(operationId: string): DocumentedOperation {
    const found = this.operations.get(operationId);
    if (!found) throw new Error(`no operation ${operationId} in /openapi.json`);
    return found;
  }

  /** The concrete path of an operation, its `{param}`s filled in and encoded. */
  pathOf(operationId: string, params: Record<string, string> = {}): string {
    return this.operation(operationId).path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`${operationId}: no value for {${name}}`);
      return encodeURIComponent(value);
    });
  }

  /** `undefined` when the request body is one the document accepts, otherwise ajv's complaint. */
  checkRequestBody(operationId: string, body: unknown): string | undefined {
    const { operation } = this.operation(operationId);
    if (!operation.requestBody) return body === undefined ? undefined : 'the operation takes no body';
    return this.check(
      this.pointer(operationId, ['requestBody', 'content', 'application/json', 'schema']),
      body,
    );
  }

  /** `undefined` when `status` is documented with this media type and `body` matches its schema. */
  checkResponse(
    operationId: string,
    status: number,
    contentType: string | null,
    body: unknown,
  ): string | undefined {
    const { operation } = this.operation(operationId);
    const response = operation.responses[String(status)];
    if (!response)
      return `status ${status} is not documented (documented: ${Object.keys(operation.responses).join(', ')})`;
    const media = (contentType ?? '').split(';')[0]?.trim() ?? '';
    if (!response.content)
      return body === undefined || body === '' ? undefined : 'a body where none is documented';
    if (!response.content[media])
      return `media type ${media || '(none)'} is not documented for ${status} (documented: ${Object.keys(response.content).join(', ')})`;
    return this.check(
      this.pointer(operationId, ['responses', String(status), 'content', media, 'schema']),
      body,
    );
  }

  private pointer(operationId: string, rest: string[]): string {
    const { method, path } = this.operation(operationId);
    const escapePart = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');
    return `openapi.json#/paths/${[path, method.toLowerCase(), ...rest].map(escapePart).join('/')}`;
  }

  private check(ref: string, value: unknown): string | undefined {
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.compiled.set(ref, validate);
    }
    if (validate(value)) return undefined;
    return this.ajv.errorsText(validate.errors, { separator: '; ' });
  }
}
