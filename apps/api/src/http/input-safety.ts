import { createMiddleware } from 'hono/factory';
import { visit } from 'jsonc-parser';
import type { AppEnv } from '../deps.ts';
import { ApiProblem, fieldPath } from './problem.ts';

/*
 * What no field may carry, whatever its schema says: C0 control characters other than tab, line feed
 * and carriage return (a NUL makes PostgreSQL refuse the whole statement), DEL, and lone UTF-16
 * surrogates (not representable in UTF-8: the database would store U+FFFD instead). JSON bodies are
 * also refused when a key repeats (JSON.parse keeps the last silently, so two readers could disagree)
 * or when they nest deeper than any request of the API needs.
 */
const UNSAFE_TEXT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const MAX_JSON_DEPTH = 32;

/** The path (`a.b.0`) of the first string or key that carries an unsafe character, if any. */
export function findUnsafeText(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return UNSAFE_TEXT.test(value) ? path.join('.') || '(value)' : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnsafeText(item, [...path, String(index)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (UNSAFE_TEXT.test(key)) return [...path, '(key)'].join('.');
      const found = findUnsafeText(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Throws the 400 that names the field; `where` is the part of the request (`query`, `param`…). */
export function assertSafeText(value: unknown, where: string): void {
  const found = findUnsafeText(value);
  if (found === undefined) return;
  const path = [where, found === '(value)' ? '' : found].filter(Boolean).join('.') || '(body)';
  throw new ApiProblem('invalid_request', 'a field holds a control character or an unpaired surrogate', {
    errors: [
      {
        path,
        message:
          'must not contain control characters (other than tab and line breaks) or unpaired surrogates',
      },
    ],
  });
}

/** The first repeated key and the nesting depth of a JSON text (jsonc-parser's scanner, one pass). */
export function scanJson(text: string): { duplicate?: string; depth: number } {
  const keys: Set<string>[] = [];
  let duplicate: string | undefined;
  let depth = 0;
  let maxDepth = 0;
  visit(
    text,
    {
      onObjectBegin: () => {
        keys.push(new Set());
        depth += 1;
        maxDepth = Math.max(maxDepth, depth);
      },
      onObjectEnd: () => {
        keys.pop();
        depth -= 1;
      },
      onArrayBegin: () => {
        depth += 1;
        maxDepth = Math.max(maxDepth, depth);
      },
      onArrayEnd: () => {
        depth -= 1;
      },
      onObjectProperty: (property, _offset, _length, _line, _column, pathSupplier) => {
        const seen = keys[keys.length - 1];
        if (!seen || duplicate !== undefined) return;
        if (seen.has(property)) {
          const parents = pathSupplier().map((part) =>
            typeof part === 'number' ? String(part) : fieldPath('', part),
          );
          duplicate = fieldPath(parents.join('.'), property);
        }
        seen.add(property);
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  return duplicate === undefined ? { depth: maxDepth } : { duplicate, depth: maxDepth };
}

/**
 * Reads a JSON body once, before any validator: malformed JSON, a repeated key or a nesting deeper
 * than {@link MAX_JSON_DEPTH} is a 400 naming the field; the validators then read the cached text.
 */
export const strictJsonBody = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || !/^application\/json\s*(;|$)/i.test(type)) {
    return next();
  }
  const text = await c.req.text();
  if (text.trim() === '') return next();
  try {
    JSON.parse(text);
  } catch {
    throw new ApiProblem('malformed_json', 'the body is not valid JSON');
  }
  const { duplicate, depth } = scanJson(text);
  if (duplicate !== undefined) {
    throw new ApiProblem('invalid_request', 'a key appears twice in one object of the body', {
      errors: [{ path: duplicate, message: 'appears twice in the same object' }],
    });
  }
  if (depth > MAX_JSON_DEPTH) {
    throw new ApiProblem('invalid_request', `the body nests deeper than ${MAX_JSON_DEPTH} levels`, {
      errors: [{ path: '(body)', message: `must not nest deeper than ${MAX_JSON_DEPTH} levels` }],
    });
  }
  await next();
});
