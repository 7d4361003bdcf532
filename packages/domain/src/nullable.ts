import { z } from 'zod';

/**
 * `schema` or `null`, written as a union rather than `schema.nullable()`: for a named schema
 * (`.meta({ id })`), the OpenAPI generator the API uses (@asteasolutions/zod-to-openapi 9) renders
 * `.nullable()` by making the named component itself nullable, or as an `allOf` that still refuses
 * `null`; a union comes out as `anyOf: [{ $ref }, { type: 'null' }]` in both the OpenAPI document and
 * the JSON Schemas. Parsing and the inferred type are those of `.nullable()`.
 */
export function nullable<T extends z.ZodType>(schema: T) {
  return z.union([schema, z.null()]);
}
