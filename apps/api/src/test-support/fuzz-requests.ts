import {
  type Agent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from 'node:http';
import fc from 'fast-check';

/*
 * Requests for the property-based fuzzing of every route (src/fuzz.test.ts), generated from the API's
 * own /openapi.json: a small JSON Schema → fast-check translation gives mostly valid requests, which
 * are then mutated with hostile values. A request is first a `RequestSpec` (plain data, what
 * fast-check generates and could shrink), then `materialize` turns it into bytes on the wire.
 *
 * Specs carry placeholders rather than the hostile values themselves, so that the generated values
 * stay small and printable:
 * - MARK (U+E000) becomes a unique marker `ZZQX<request>M<k>`: an error body must never contain one
 *   (the API never echoes a submitted value);
 * - `⟨token⟩`s (between U+E001) expand after JSON serialisation: raw number texts (`NaN`, `-0`,
 *   `1e999`), nestings 1 000 deep, repeated keys, strings of a million characters, invalid UTF-8 bytes.
 */

/**
 * One of `values`, each as likely (fc.constantFrom favours the first ones, which would aim most
 * requests at the first record of a pool).
 */
export function pick<V>(values: readonly V[]): fc.Arbitrary<V> {
  if (values.length === 0) throw new Error('pick from an empty list');
  return fc.noBias(fc.nat({ max: values.length - 1 })).map((i) => values[i] as V);
}

export const MARK = '\uE000';
const T = '\uE001';
/** Text put as is in the JSON text, instead of the string holding it (`"⟨RAW:NaN⟩"` → `NaN`). */
export const rawJson = (text: string) => `${T}RAW:${text}${T}`;
const deepArray = (depth: number) => `${T}DEEPA:${depth}${T}`;
const deepObject = (depth: number) => `${T}DEEPO:${depth}${T}`;
/** `length` times `char`, inside a string. */
const big = (length: number, char = 'x') => `${T}BIG:${length}:${char}${T}`;
/** A key that appears twice in one object once serialised (`i` tells the copies apart). */
const dupKey = (i: number, key: string) => `${T}DUP:${i}:${key}${T}`;
/** Raw bytes in the body, in hex (invalid UTF-8). */
const bytes = (hex: string) => `${T}HEX:${hex}${T}`;

/** Text of a stack trace, of an SQL statement or of a database error: never in an answer. */
export const LEAK_PATTERNS: readonly (readonly [string, RegExp])[] = [
  ['stack trace', / {4}at /],
  ['source file', /\.ts:/],
  ['source file', /node_modules/],
  ['source file', /file:\/\//],
  ['SQL', /select /i],
  ['SQL', /insert into/i],
  ['SQL', /delete from/i],
  ['SQL error', /violates/i],
  ['SQL error', /relation "/i],
  ['SQL error', /syntax error at/i],
  ['SQL error', /invalid input syntax/i],
  ['SQL error', /invalid byte sequence/i],
  ['SQL error', /duplicate key value/i],
  ['SQL error', /Failed query/i],
  ['JS error', /\b(?:TypeError|RangeError|ReferenceError)\b/],
];

export function leakIn(text: string): string | undefined {
  for (const [what, pattern] of LEAK_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return `${what} (${JSON.stringify(match[0])})`;
  }
  return undefined;
}
const noLeak = (s: string) => leakIn(s) === undefined;

// ---------------------------------------------------------------------------------------------------
// The document

type Schema = Record<string, unknown>;

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Schema;
}

export interface FuzzDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        parameters?: ParameterObject[];
        requestBody?: { content: Record<string, { schema: Schema }> };
      }
    >
  >;
  components: { schemas: Record<string, unknown> };
}

export interface FuzzOperation {
  operationId: string;
  method: string;
  /** The path template, `{param}`s included. */
  path: string;
  pathParams: ParameterObject[];
  queryParams: ParameterObject[];
  bodySchema: Schema | undefined;
}

export function operationsOf(doc: FuzzDocument): FuzzOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      operationId: op.operationId,
      method: method.toUpperCase(),
      path,
      pathParams: (op.parameters ?? []).filter((p) => p.in === 'path'),
      queryParams: (op.parameters ?? []).filter((p) => p.in === 'query'),
      bodySchema: op.requestBody?.content['application/json']?.schema,
    })),
  );
}

/**
 * Each run of `%xx` decoded on its own where it is valid UTF-8, left as is otherwise: what Hono does to
 * a path (`decodeURI`, which keeps reserved characters such as `%2F` encoded) before routing it.
 */
export function decodePercentRuns(s: string, decode: (run: string) => string = decodeURIComponent): string {
  return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decode(run);
    } catch {
      return run;
    }
  });
}

/**
 * The operation a request really reaches, as the router sees its path (no `..` resolution, `%xx`
 * decoded except reserved characters): a raw `/` in an id sends `GET /v1/conventions/2022-417/funding`
 * to getFunding, not to getConvention. Static segments win over parameters, as in Hono.
 */
export function resolveOperation(
  operations: readonly FuzzOperation[],
  method: string,
  rawPathname: string,
): FuzzOperation | undefined {
  const segments = decodePercentRuns(rawPathname, decodeURI).split('/');
  let best: { op: FuzzOperation; score: number } | undefined;
  for (const op of operations) {
    if (op.method !== method) continue;
    const template = op.path.split('/');
    if (template.length !== segments.length) continue;
    let score = 0;
    let matches = true;
    for (let i = 0; i < template.length; i++) {
      const part = template[i] as string;
      const segment = segments[i] as string;
      if (/^\{\w+\}$/.test(part)) {
        if (segment === '') matches = false;
      } else if (part === segment) score++;
      else matches = false;
      if (!matches) break;
    }
    if (matches && (!best || score > best.score)) best = { op, score };
  }
  return best?.op;
}

// ---------------------------------------------------------------------------------------------------
// JSON Schema → fast-check

export interface SchemaContext {
  components: Record<string, unknown>;
  /** Values that reach deeper than the schema alone (ids of real records, real communes), by field name. */
  hints: Record<string, fc.Arbitrary<unknown>>;
}

/** A mostly realistic calendar date, sometimes at the ends of what YYYY-MM-DD allows. */
export const dateArbitrary: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .date({
        min: new Date('2019-01-01T00:00:00Z'),
        max: new Date('2025-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom<string>(
      '9999-12-31',
      '0000-01-01',
      '0000-02-29',
      '1900-02-28',
      '2000-02-29',
      '2100-02-28',
      '1970-01-01',
      '2022-01-01',
      '2022-03-31',
      '2022-04-01',
      '2022-12-31',
      '2023-12-31',
    ),
  },
);

const birthDateArbitrary: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .date({
        min: new Date('1996-01-01T00:00:00Z'),
        max: new Date('2010-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  { weight: 1, arbitrary: dateArbitrary },
);

function resolveRef(ref: string, ctx: SchemaContext): Schema {
  const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
  const schema = name ? ctx.components[name] : undefined;
  if (!schema || typeof schema !== 'object') throw new Error(`cannot resolve ${ref}`);
  return schema as Schema;
}

/** Values of `schema`; a field with a hint takes the hint four times in five. */
export function arbitraryOf(
  schema: Schema,
  ctx: SchemaContext,
  name?: string,
  depth = 0,
): fc.Arbitrary<unknown> {
  const own = fromSchema(schema, ctx, name, depth);
  const hint = name === undefined ? undefined : ctx.hints[name];
  return hint ? fc.oneof({ weight: 4, arbitrary: hint }, { weight: 1, arbitrary: own }) : own;
}

function fromSchema(
  schema: Schema,
  ctx: SchemaContext,
  name: string | undefined,
  depth: number,
): fc.Arbitrary<unknown> {
  if (depth > 12) return fc.constant(null);
  if (typeof schema.$ref === 'string') return fromSchema(resolveRef(schema.$ref, ctx), ctx, name, depth + 1);
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(alternatives) && alternatives.length > 0) {
    return fc.oneof(...alternatives.map((s) => fromSchema(s, ctx, name, depth + 1)));
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    return fromSchema(schema.allOf[0] as Schema, ctx, name, depth + 1);
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return pick(schema.enum as unknown[]);
  const type = schema.type;
  if (Array.isArray(type))
    return fc.oneof(...type.map((t) => fromSchema({ ...schema, type: t }, ctx, name, depth)));
  switch (type) {
    case 'string':
      return stringOf(schema, name);
    case 'integer': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -1_000;
      const max = typeof schema.maximum === 'number' ? schema.maximum : Math.max(min + 100_000, 100_000);
      return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
    }
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -1e6;
      const max = typeof schema.maximum === 'number' ? schema.maximum : 1e6;
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = (schema.items as Schema | undefined) ?? {};
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : 4;
      return fc.array(arbitraryOf(items, ctx, name === undefined ? undefined : `${name}[]`, depth + 1), {
        minLength,
        maxLength: Math.max(minLength, Math.min(maxItems, 4)),
      });
    }
    case 'object':
      return objectOf(schema, ctx, depth);
    default:
      if (schema.properties) return objectOf(schema, ctx, depth);
      return fc.oneof(fc.string().filter(noLeak), fc.integer(), fc.boolean(), fc.constant(null));
  }
}

function stringOf(schema: Schema, name: string | undefined): fc.Arbitrary<string> {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  if (schema.format === 'date') return name === 'birthDate' ? birthDateArbitrary : dateArbitrary;
  if (typeof schema.pattern === 'string') {
    return fc
      .stringMatching(new RegExp(schema.pattern), { size: 'small' })
      .filter((s) => s.length >= min && s.length <= max && noLeak(s));
  }
  return fc.string({ minLength: min, maxLength: Math.min(max, min + 30) }).filter(noLeak);
}

function objectOf(schema: Schema, ctx: SchemaContext, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = ((schema.required ?? []) as string[]).filter((k) => k in properties);
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, sub] of Object.entries(properties)) shape[key] = arbitraryOf(sub, ctx, key, depth + 1);
  return fc.record(shape, { requiredKeys: required });
}

// ---------------------------------------------------------------------------------------------------
// Hostile values

/** Strings that must be refused or stored as they are, and never echoed (most carry a marker). */
export const HOSTILE_STRINGS: readonly (readonly [string, string])[] = [
  ['nul', `${MARK}\u0000`],
  ['nul', `\u0000${MARK}`],
  ['nul', `Oig${MARK}\u0000nies`],
  ['c0-controls', `${MARK}\u0001\u0002\u0007\b\t\n\v\f\r\u000e\u001b\u001f`],
  ['c0-controls', `\u001b[31m${MARK}\u001b[0m`],
  ['c0-controls', `${MARK}\r\nX-Injected: 1`],
  ['c1-controls', `${MARK}\u007f\u0085\u009b`],
  ['lone-surrogate', `${MARK}\uD800`],
  ['lone-surrogate', `\uDFFF${MARK}`],
  ['lone-surrogate', `${MARK}\uDBFF\uDBFF`],
  ['unicode', `${MARK}\u202E\u200B\uFEFF\u2028\u2029`],
  ['unicode', `${MARK}🏠e\u0301\u01C5\uFB01`],
  ['unicode', `${MARK}\uFFFF\uFFFE`],
  ['injection', `${MARK}'; drop table stays; --`],
  ['injection', `${MARK}" or "1"="1`],
  ['injection', `${MARK}\\`],
  ['injection', `${MARK}\${7*7}{{7*7}}<script>alert(1)</script>`],
  ['injection', `${MARK}%00%s%n%x`],
  ['injection', `../../../etc/passwd${MARK}`],
  ['injection', `${MARK}$(id)\`id\``],
  ['whitespace', ` ${MARK} `],
  ['whitespace', `\u00a0${MARK}\u3000`],
  ['empty', ''],
  ['blank', '   '],
  ['blank', '\u00a0\t'],
  ['long', `${MARK}${big(5_000)}`],
  // 1 000 × é is 6 KB percent-encoded: long, yet within the 8 KB request line HTTP servers accept.
  ['long-utf8', `${MARK}${big(1_000, 'é')}`],
  ['over-64KiB', `${MARK}${big(70_000)}`],
  ['date-extreme', '9999-12-31'],
  ['date-extreme', '0000-01-01'],
  ['date-impossible', '2004-02-30'],
  ['date-malformed', `2022-06-01T00:00:00Z${MARK}`],
];
/** A million characters: a few of these only (body limits). */
const MEGABYTE_STRING = `${MARK}${big(1_000_000)}`;
/** Bytes that are not UTF-8: an overlong '/', a lone 0xff, a UTF-8-encoded surrogate, past U+10FFFF. */
const INVALID_UTF8 = ['c0af', 'ff', 'eda080', 'f4908080', '80', 'fe'];

/** Values of every other JSON type, and number texts JSON.stringify cannot write. */
export const HOSTILE_VALUES: readonly (readonly [string, unknown])[] = [
  ['null', null],
  ['boolean', true],
  ['number', 0],
  ['number', -1],
  ['number', 1.5],
  ['number', 1e308],
  ['number', -1e308],
  ['number', 2 ** 53 + 2],
  ['number', 5e-324],
  ['number-text', rawJson('-0')],
  ['number-text', rawJson('1e999')],
  ['number-text', rawJson('-1e999')],
  ['number-text', rawJson('123456789012345678901234567890')],
  ['number-text', rawJson('1E+2')],
  ['invalid-json-number', rawJson('NaN')],
  ['invalid-json-number', rawJson('Infinity')],
  ['invalid-json-number', rawJson('-Infinity')],
  ['invalid-json-number', rawJson('0x10')],
  ['invalid-json-number', rawJson('012')],
  ['invalid-json-number', rawJson('.5')],
  ['invalid-json-number', rawJson('+1')],
  ['invalid-json-literal', rawJson('undefined')],
  ['empty-array', []],
  ['empty-object', {}],
  ['array', [MARK, 1, null]],
  ['object', { a: MARK }],
  ['nested-1000', deepArray(1_000)],
  ['nested-1000', deepObject(1_000)],
];

/** Keys that a careless merge would turn into prototype pollution or privilege escalation. */
const EXTRA_KEYS: readonly (readonly [string, string, unknown])[] = [
  ['proto-key', '__proto__', { polluted: MARK, isAdmin: true }],
  ['proto-key', 'constructor', { prototype: { polluted: MARK } }],
  ['proto-key', 'prototype', { polluted: MARK }],
  ['builtin-key', 'hasOwnProperty', MARK],
  ['builtin-key', 'toString', MARK],
  ['builtin-key', 'valueOf', 1],
  ['unknown-key', 'zzUnknownField', MARK],
  ['unknown-key', '', MARK],
  ['unknown-key', 'a\u0000b', MARK],
  ['unknown-key', '$where', MARK],
  ['forged-key', 'id', MARK],
  ['forged-key', 'associationId', 'accueil-et-relais'],
  ['forged-key', 'role', 'department'],
  ['forged-key', 'keyId', MARK],
  ['forged-key', 'erasedAt', '2022-01-01'],
  ['forged-key', 'decision', 'admitted'],
];

/** Bodies that are not JSON, or not an object, sent as application/json. */
const BAD_JSON_TEXTS: readonly string[] = [
  '',
  ' ',
  '{',
  '}',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '{a:1}',
  '[1,2',
  'nul',
  'undefined',
  'NaN',
  '{"a":NaN}',
  '{"a":1e999}',
  '\uFEFF{}',
  '{}garbage',
  '{}{}',
  '//\n{}',
  '/*x*/{}',
  `"${MARK}`,
  `{"x":"${MARK}`,
  `{"${MARK}":1`,
  `${MARK}`,
  '\u0000',
  'null',
  '[]',
  '1',
  'true',
  `"${MARK}"`,
  '-0',
  '1e308',
  deepArray(1_000),
  deepObject(1_000),
  `[${rawJson('x')}`,
];

const OTHER_CONTENT_TYPES: readonly (string | null)[] = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonx',
  'json',
  'application/problem+json',
  'application/json, text/plain',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/json;charset=latin1',
  null,
  '',
];

const HOSTILE_QUERY_VALUES: readonly string[] = [
  '9999-12-31',
  '0000-01-01',
  '0000-02-29',
  '2004-02-30',
  '2022-13-01',
  '2022-1-1',
  '20220601',
  '2022-06-01T00:00:00Z',
  '+002022-06-01',
  '1e308',
  '-1e308',
  '1e999',
  '-0',
  '0',
  '-1',
  'NaN',
  'Infinity',
  '0x10',
  '1.5',
  '99999999999999999999',
  '',
  ' ',
  'null',
  'true',
  '[]',
  '{}',
  '366',
  '367',
  '1999',
  '2100',
  '3000',
];

/** Path segments sent as they are: separators, dot segments, broken and overlong percent-encodings. */
const RAW_PATH_VALUES: readonly string[] = [
  'a/b',
  '..',
  '.',
  '%00',
  `${MARK}%00`,
  '%2e%2e',
  `x%2F${MARK}`,
  '%',
  '%zz',
  `${MARK}%`,
  '%C0%AE',
  '%ED%A0%80',
  '%E0%80%80',
  `..%2F..%2F${MARK}`,
  '%2F',
  ';',
  `${MARK};x=1`,
  '2022-417/funding',
  '2022-417/..',
  `%41${big(900, 'A')}`,
];

const RAW_QUERY_TEXTS: readonly string[] = [
  'asOf=%',
  '%zz=1',
  '&&&',
  '=',
  'asOf',
  'asOf[]=2022-06-01',
  'asOf[a]=1',
  '__proto__=x',
  'constructor=1',
  // Markers go in values only: a parameter's name is the field an error names (`errors[].path`).
  `zzRaw=${MARK}`,
  'year=2022&year=2023',
  'cafNumber=%00',
];

// ---------------------------------------------------------------------------------------------------
// Requests

export type RoleName =
  | 'department'
  | 'association'
  | 'otherAssociation'
  | 'partner'
  | 'noKey'
  | 'unknownKey'
  | 'malformedHeader';

export const ROLES: readonly RoleName[] = [
  'department',
  'association',
  'otherAssociation',
  'partner',
  'noKey',
  'unknownKey',
  'malformedHeader',
];

export interface QueryItem {
  name: string;
  value: string | null;
  /** Sent as written, not percent-encoded. */
  raw: boolean;
}

export type BodySpec =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; contentType: string | null; chunked: boolean }
  | { kind: 'text'; text: string; contentType: string | null; chunked: boolean };

export interface RequestSpec {
  operationId: string;
  role: RoleName;
  /** Which unknown key or malformed header, when the role is one of those. */
  authVariant: number;
  params: Record<string, { value: string; raw: boolean }>;
  query: QueryItem[];
  body: BodySpec;
  /** What was done to the request (`body:hostile-string:nul`, `at:facts.commune`, `path:record`…). */
  labels: string[];
}

export interface FuzzPools {
  /** Ids of real records, for the path parameter of each operation (by operationId). */
  pathIds: Record<string, readonly string[]>;
  /** Ids of every kind: one kind sent where another is expected. */
  allIds: readonly string[];
  /** Values that lead deeper than the schema's, by body field or query parameter name. */
  fields: Record<string, readonly unknown[]>;
}

type Path = (string | number)[];

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // `__proto__` as an own key, as JSON.parse would make it (an assignment would set the prototype).
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) setOwn(out, key, clone((value as Record<string, unknown>)[key]));
    return out;
  }
  return value;
}

/** Every node under the root, with whether it holds a string and whether it is an object. */
function locations(value: unknown, path: Path = [], out: { path: Path; node: unknown }[] = []) {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push({ path: [...path, i], node: item });
      locations(item, [...path, i], out);
    });
  } else if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const node = (value as Record<string, unknown>)[key];
      out.push({ path: [...path, key], node });
      locations(node, [...path, key], out);
    }
  }
  return out;
}

function setAt(root: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = clone(root);
  let node = copy as Record<string | number, unknown>;
  for (const part of path.slice(0, -1)) node = node[part] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (Array.isArray(node)) node[last as number] = replacement;
  else setOwn(node as Record<string, unknown>, String(last), replacement);
  return copy;
}

function getAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const part of path) node = (node as Record<string | number, unknown>)[part];
  return node;
}

const where = (path: Path) =>
  `at:${path.map((p) => (typeof p === 'number' ? '*' : p)).join('.') || '(body)'}`;

function objectPaths(value: unknown): Path[] {
  const all = [{ path: [] as Path, node: value }, ...locations(value)];
  return all
    .filter(({ node }) => node && typeof node === 'object' && !Array.isArray(node))
    .map((l) => l.path);
}

const json = (
  value: unknown,
  contentType: string | null = 'application/json',
  chunked = false,
): BodySpec => ({
  kind: 'json',
  value,
  contentType,
  chunked,
});
const text = (t: string, contentType: string | null = 'application/json', chunked = false): BodySpec => ({
  kind: 'text',
  text: t,
  contentType,
  chunked,
});

interface Labelled<T> {
  value: T;
  labels: string[];
}

const hostileStringArb = pick(HOSTILE_STRINGS);

function bodyArbitrary(op: FuzzOperation, ctx: SchemaContext): fc.Arbitrary<Labelled<BodySpec>> {
  if (!op.bodySchema) {
    const none: fc.Arbitrary<Labelled<BodySpec>> = fc.constant({ value: { kind: 'none' }, labels: [] });
    // A bodyless POST or DELETE (renewal, erasure, revocation) with a body anyway.
    if (op.method === 'GET') return none;
    return fc.oneof(
      { weight: 30, arbitrary: none },
      {
        weight: 1,
        arbitrary: fc.constant<Labelled<BodySpec>>({ value: json({}), labels: ['body:unexpected-json'] }),
      },
      {
        weight: 1,
        arbitrary: fc.constant<Labelled<BodySpec>>({
          value: text(`x${MARK}`, 'text/plain'),
          labels: ['body:unexpected-text'],
        }),
      },
      {
        weight: 1,
        arbitrary: fc.constant<Labelled<BodySpec>>({
          value: text('{'),
          labels: ['body:unexpected-bad-json'],
        }),
      },
    );
  }
  const valid = arbitraryOf(op.bodySchema, ctx);
  const withLeaf = <X>(extra: fc.Arbitrary<X>, apply: (v: unknown, at: number, x: X) => Labelled<BodySpec>) =>
    fc.tuple(valid, fc.nat(), extra).map(([v, at, x]) => apply(v, at, x));
  const stringLeaf = (v: unknown, at: number) => {
    const all = locations(v);
    const strings = all.filter((l) => typeof l.node === 'string');
    const pool = strings.length > 0 ? strings : all;
    return pool.length > 0 ? (pool[at % pool.length]?.path ?? []) : [];
  };
  const anyLeaf = (v: unknown, at: number) => {
    const all = locations(v);
    return all.length > 0 ? (all[at % all.length]?.path ?? []) : [];
  };
  return fc.oneof(
    { weight: 100, arbitrary: valid.map((v) => ({ value: json(v), labels: ['body:schema'] })) },
    {
      weight: 60,
      arbitrary: withLeaf(hostileStringArb, (v, at, [label, s]) => {
        const path = stringLeaf(v, at);
        return { value: json(setAt(v, path, s)), labels: [`body:hostile-string:${label}`, where(path)] };
      }),
    },
    {
      weight: 30,
      arbitrary: withLeaf(pick(HOSTILE_VALUES), (v, at, [label, x]) => {
        const path = anyLeaf(v, at);
        return { value: json(setAt(v, path, x)), labels: [`body:hostile-value:${label}`, where(path)] };
      }),
    },
    {
      weight: 20,
      arbitrary: withLeaf(pick(EXTRA_KEYS), (v, at, [label, key, x]) => {
        const objects = objectPaths(v);
        const path = objects.length > 0 ? (objects[at % objects.length] as Path) : [];
        const target = clone(path.length ? getAt(v, path) : v);
        if (!target || typeof target !== 'object' || Array.isArray(target)) {
          const wrapped: Record<string, unknown> = {};
          setOwn(wrapped, key, x);
          return { value: json(wrapped), labels: [`body:extra-key:${label}`, where([])] };
        }
        setOwn(target as Record<string, unknown>, key, clone(x));
        return {
          value: json(path.length ? setAt(v, path, target) : target),
          labels: [`body:extra-key:${label}`, where([...path, key])],
        };
      }),
    },
    {
      weight: 10,
      arbitrary: withLeaf(fc.constant(null), (v, at) => {
        const objects = objectPaths(v).filter((p) => Object.keys(getAt(v, p) as object).length > 0);
        if (objects.length === 0) return { value: json(v), labels: ['body:schema'] };
        const path = objects[at % objects.length] as Path;
        const target = clone(getAt(v, path)) as Record<string, unknown>;
        const keys = Object.keys(target);
        const key = keys[at % keys.length] as string;
        delete target[key];
        return {
          value: json(path.length ? setAt(v, path, target) : target),
          labels: ['body:missing-key', where([...path, key])],
        };
      }),
    },
    {
      // The same key twice: JSON.parse keeps the last one; which one is checked, which one stored?
      weight: 10,
      arbitrary: withLeaf(fc.tuple(hostileStringArb, fc.boolean()), (v, at, [[label, s], hostileLast]) => {
        const objects = objectPaths(v).filter((p) => Object.keys(getAt(v, p) as object).length > 0);
        if (objects.length === 0) return { value: json(v), labels: ['body:schema'] };
        const path = objects[at % objects.length] as Path;
        const target = getAt(v, path) as Record<string, unknown>;
        const keys = Object.keys(target);
        const key = keys[at % keys.length] as string;
        const rebuilt: Record<string, unknown> = {};
        for (const k of keys) {
          if (k !== key) setOwn(rebuilt, k, target[k]);
          else if (hostileLast) {
            setOwn(rebuilt, dupKey(0, k), target[k]);
            setOwn(rebuilt, dupKey(1, k), s);
          } else {
            setOwn(rebuilt, dupKey(0, k), s);
            setOwn(rebuilt, dupKey(1, k), target[k]);
          }
        }
        return {
          value: json(path.length ? setAt(v, path, rebuilt) : rebuilt),
          labels: [
            `body:duplicate-key:${hostileLast ? 'hostile-last' : 'hostile-first'}:${label}`,
            where([...path, key]),
          ],
        };
      }),
    },
    {
      weight: 20,
      arbitrary: pick(BAD_JSON_TEXTS).map((t) => ({
        value: text(t),
        labels: ['body:not-an-object-or-not-json'],
      })),
    },
    {
      weight: 10,
      arbitrary: fc
        .tuple(valid, pick(OTHER_CONTENT_TYPES))
        .map(([v, ct]) => ({ value: json(v, ct), labels: [`body:content-type:${ct ?? '(none)'}`] })),
    },
    {
      weight: 8,
      arbitrary: fc.constantFrom<Labelled<BodySpec>>(
        { value: text(''), labels: ['body:empty'] },
        { value: text('', null), labels: ['body:empty-no-content-type'] },
        { value: { kind: 'none' }, labels: ['body:absent'] },
      ),
    },
    {
      weight: 6,
      arbitrary: fc.oneof(
        valid.map((v) => ({ value: json(v, 'application/json', true), labels: ['body:chunked'] })),
        withLeaf(fc.constant(null), (v, at) => {
          const path = stringLeaf(v, at);
          return {
            value: json(setAt(v, path, `${MARK}${big(70_000)}`), 'application/json', true),
            labels: ['body:chunked-over-64KiB', where(path)],
          };
        }),
      ),
    },
    {
      weight: 6,
      arbitrary: withLeaf(pick(INVALID_UTF8), (v, at, hex) => {
        const path = stringLeaf(v, at);
        return {
          value: json(setAt(v, path, `${MARK}${bytes(hex)}`)),
          labels: ['body:invalid-utf8', where(path)],
        };
      }),
    },
    {
      weight: 4,
      // Arrays made long: 400 place ids, 2 000 or 10 001 eligibility requests.
      arbitrary: withLeaf(fc.constantFrom(400, 2_000, 10_001), (v, at, n) => {
        const arrays = locations(v).filter((l) => Array.isArray(l.node) && (l.node as unknown[]).length > 0);
        if (arrays.length === 0) return { value: json(v), labels: ['body:schema'] };
        const { path, node } = arrays[at % arrays.length] as { path: Path; node: unknown[] };
        const long = Array.from({ length: n }, (_, i) => node[i % node.length]);
        return { value: json(setAt(v, path, long)), labels: [`body:array-of-${n}`, where(path)] };
      }),
    },
    {
      weight: 1,
      arbitrary: withLeaf(fc.constant(null), (v, at) => {
        const path = stringLeaf(v, at);
        return { value: json(setAt(v, path, MEGABYTE_STRING)), labels: ['body:string-of-1MB', where(path)] };
      }),
    },
  );
}

function queryValue(p: ParameterObject, ctx: SchemaContext): fc.Arbitrary<Labelled<string>> {
  const toText = (v: unknown) =>
    typeof v === 'string'
      ? v
      : v === null || v === undefined
        ? ''
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v);
  return fc.oneof(
    {
      weight: 6,
      arbitrary: arbitraryOf(p.schema, ctx, p.name).map((v) => ({ value: toText(v), labels: [] })),
    },
    {
      weight: 2,
      arbitrary: pick(HOSTILE_QUERY_VALUES).map((v) => ({ value: v, labels: [`query:hostile:${p.name}`] })),
    },
    {
      weight: 1,
      arbitrary: hostileStringArb
        .filter(([label]) => label !== 'over-64KiB')
        .map(([label, v]) => ({ value: v, labels: [`query:hostile-string:${label}`, `at:query.${p.name}`] })),
    },
  );
}

function queryArbitrary(op: FuzzOperation, ctx: SchemaContext): fc.Arbitrary<Labelled<QueryItem[]>> {
  const perParam = op.queryParams.map((p) =>
    fc.tuple(fc.nat(9), queryValue(p, ctx)).map(([dice, v]): Labelled<QueryItem[]> => {
      const present = p.required ? dice > 0 : dice >= 4;
      if (!present) return { value: [], labels: p.required ? [`query:missing:${p.name}`] : [] };
      return { value: [{ name: p.name, value: v.value, raw: false }], labels: v.labels };
    }),
  );
  const first = op.queryParams[0]?.name ?? 'asOf';
  const extra = fc.oneof(
    { weight: 20, arbitrary: fc.constant<Labelled<QueryItem[]>>({ value: [], labels: [] }) },
    {
      weight: 1,
      arbitrary: fc.tuple(dateArbitrary, dateArbitrary).map(([a, b]) => ({
        value: [
          { name: first, value: a, raw: false },
          { name: first, value: b, raw: false },
        ],
        labels: ['query:repeated'],
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constant({
        value: [{ name: 'zzUnknown', value: MARK, raw: false }],
        labels: ['query:unknown-parameter'],
      }),
    },
    {
      weight: 1,
      arbitrary: pick(RAW_QUERY_TEXTS).map((t) => ({
        value: [{ name: t, value: null, raw: true }],
        labels: ['query:raw'],
      })),
    },
  );
  return fc.tuple(fc.tuple(...perParam), extra).map(([params, more]) => ({
    value: [...params.flatMap((p) => p.value), ...more.value],
    labels: [...params.flatMap((p) => p.labels), ...more.labels],
  }));
}

function paramArbitrary(
  op: FuzzOperation,
  p: ParameterObject,
  pools: FuzzPools,
  ctx: SchemaContext,
): fc.Arbitrary<Labelled<{ value: string; raw: boolean }>> {
  const own = pools.pathIds[op.operationId] ?? [];
  const alternatives: fc.WeightedArbitrary<Labelled<{ value: string; raw: boolean }>>[] = [
    {
      weight: 1,
      arbitrary: pick(pools.allIds).map((value) => ({
        value: { value, raw: false },
        labels: ['path:record-of-another-kind'],
      })),
    },
    {
      weight: 1,
      arbitrary: (arbitraryOf(p.schema, ctx) as fc.Arbitrary<string>).map((value) => ({
        value: { value: String(value), raw: false },
        labels: ['path:schema'],
      })),
    },
    {
      weight: 2,
      arbitrary: hostileStringArb
        .filter(([label]) => label !== 'over-64KiB' && label !== 'empty')
        .map(([label, value]) => ({
          value: { value, raw: false },
          labels: [`path:hostile-string:${label}`, `at:path.${p.name}`],
        })),
    },
    {
      weight: 1,
      arbitrary: pick(RAW_PATH_VALUES).map((value) => ({
        value: { value, raw: true },
        labels: ['path:raw', `at:path.${p.name}`],
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(101, 1_000, 4_000).map((n) => ({
        value: { value: `${MARK}${big(n, 'a')}`, raw: false },
        labels: [`path:id-of-${n}-chars`],
      })),
    },
  ];
  if (own.length > 0) {
    alternatives.push({
      weight: 8,
      arbitrary: pick(own).map((value) => ({ value: { value, raw: false }, labels: ['path:record'] })),
    });
  }
  return fc.oneof(...alternatives);
}

const roleArbitrary: fc.Arbitrary<Labelled<{ role: RoleName; variant: number }>> = fc
  .tuple(
    fc.oneof(
      { weight: 30, arbitrary: fc.constant<RoleName>('department') },
      { weight: 20, arbitrary: fc.constant<RoleName>('association') },
      { weight: 15, arbitrary: fc.constant<RoleName>('otherAssociation') },
      { weight: 10, arbitrary: fc.constant<RoleName>('partner') },
      { weight: 8, arbitrary: fc.constant<RoleName>('noKey') },
      { weight: 8, arbitrary: fc.constant<RoleName>('unknownKey') },
      { weight: 9, arbitrary: fc.constant<RoleName>('malformedHeader') },
    ),
    fc.nat(999),
  )
  .map(([role, variant]) => ({ value: { role, variant }, labels: [`role:${role}`] }));

/**
 * Dates at the ends of YYYY-MM-DD come from the schema and the hints as well as from the mutations:
 * labelled wherever they are, so that a failure they cause is told apart from the others.
 */
function farDateLabels(query: QueryItem[], body: BodySpec): string[] {
  const far = /^(?:0000|9999)-\d\d-\d\d$/;
  const labels = query
    .filter((q) => q.value !== null && far.test(q.value))
    .map((q) => `query:far-date:${q.name}`);
  const text = body.kind === 'json' ? JSON.stringify(body.value) : body.kind === 'text' ? body.text : '';
  if (/"(?:0000|9999)-\d\d-\d\d"/.test(text)) labels.push('body:far-date');
  return [...new Set(labels)];
}

/** Requests over every operation of the document, each operation as likely as another. */
export function requestArbitrary(doc: FuzzDocument, pools: FuzzPools): fc.Arbitrary<RequestSpec> {
  const hints: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, values] of Object.entries(pools.fields)) {
    if (values.length > 0) hints[name] = pick(values);
  }
  const ctx: SchemaContext = { components: doc.components.schemas, hints };
  return fc.oneof(
    ...operationsOf(doc).map((op) => {
      const params = op.pathParams.map((p) =>
        paramArbitrary(op, p, pools, ctx).map((v) => [p.name, v] as const),
      );
      return fc
        .tuple(roleArbitrary, fc.tuple(...params), queryArbitrary(op, ctx), bodyArbitrary(op, ctx))
        .map(
          ([role, paramValues, query, body]): RequestSpec => ({
            operationId: op.operationId,
            role: role.value.role,
            authVariant: role.value.variant,
            params: Object.fromEntries(paramValues.map(([name, v]) => [name, v.value])),
            query: query.value,
            body: body.value,
            labels: [
              ...role.labels,
              ...paramValues.flatMap(([, v]) => v.labels),
              ...query.labels,
              ...body.labels,
              ...farDateLabels(query.value, body.value),
            ],
          }),
        );
    }),
  );
}

// ---------------------------------------------------------------------------------------------------
// On the wire

export interface FuzzKeys {
  department: string;
  association: string;
  otherAssociation: string;
  partner: string;
  /** A key that existed and was revoked. */
  revoked: string;
}

export interface MaterializedRequest {
  /** Index in the run: the marker of this request is `ZZQX<n>M…`. */
  n: number;
  spec: RequestSpec;
  operationId: string;
  method: string;
  /** Path and query as sent (percent-encoded, or raw where the spec says so). */
  path: string;
  headers: OutgoingHttpHeaders;
  /** The Authorization header values sent (none, one, or two headers). */
  authorization: string[];
  /** Each key and the shell variable that stands for it in the report and the replay line. */
  keyVariables: [string, string][];
  body: Buffer | undefined;
  /** The body as a short text: tokens shown as ⟨…⟩ (⟨'x'×1000000⟩), control characters escaped. */
  bodyPreview: string;
  chunked: boolean;
  markerPrefix: string;
}

function tokenText(kind: string, arg: string): string {
  switch (kind) {
    case 'RAW':
      return arg;
    case 'DEEPA':
      return '['.repeat(Number(arg)) + ']'.repeat(Number(arg));
    case 'DEEPO':
      return `${'{"a":'.repeat(Number(arg))}0${'}'.repeat(Number(arg))}`;
    case 'DUP':
      return JSON.stringify(arg.slice(arg.indexOf(':') + 1));
    default:
      throw new Error(`unknown token ${kind}`);
  }
}

function tokenPreview(kind: string, arg: string): string {
  switch (kind) {
    case 'RAW':
      return arg;
    case 'DEEPA':
      return `⟨[ ×${arg}, then ] ×${arg}⟩`;
    case 'DEEPO':
      return `⟨{"a": ×${arg}, 0, then } ×${arg}⟩`;
    case 'DUP':
      return JSON.stringify(arg.slice(arg.indexOf(':') + 1));
    default:
      return kind;
  }
}

const WHOLE_QUOTED = /"\uE001(RAW|DEEPA|DEEPO|DUP):([^\uE001]*)\uE001"/g;
const WHOLE_BARE = /\uE001(RAW|DEEPA|DEEPO|DUP):([^\uE001]*)\uE001/g;
const BIG_TOKEN = /\uE001BIG:(\d+):([^\uE001])\uE001/g;
const HEX_TOKEN = /\uE001HEX:([0-9a-f]*)\uE001/;

function expand(textWithTokens: string): string {
  return textWithTokens
    .replace(WHOLE_QUOTED, (_, kind: string, arg: string) => tokenText(kind, arg))
    .replace(WHOLE_BARE, (_, kind: string, arg: string) => tokenText(kind, arg))
    .replace(BIG_TOKEN, (_, n: string, c: string) => c.repeat(Number(n)));
}

function preview(textWithTokens: string): string {
  return textWithTokens
    .replace(WHOLE_QUOTED, (_, kind: string, arg: string) => tokenPreview(kind, arg))
    .replace(WHOLE_BARE, (_, kind: string, arg: string) => tokenPreview(kind, arg))
    .replace(BIG_TOKEN, (_, n: string, c: string) => `⟨'${c}'×${n}⟩`)
    .replace(new RegExp(HEX_TOKEN.source, 'g'), (_, hex: string) => `⟨bytes 0x${hex}⟩`);
}

/** UTF-8 bytes of the text, with `⟨HEX:…⟩` tokens as the raw bytes they name. */
function toBytes(expanded: string): Buffer {
  const parts = expanded.split(new RegExp(HEX_TOKEN.source, 'g'));
  // split with a capture group alternates text and hex.
  return Buffer.concat(
    parts.map((part, i) => (i % 2 === 1 ? Buffer.from(part, 'hex') : Buffer.from(part, 'utf8'))),
  );
}

/** encodeURIComponent, except that a lone surrogate is written as its (invalid) 3-byte UTF-8 form. */
export function encodeComponent(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += encodeURIComponent(s.slice(i, i + 2));
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
      continue;
    }
    out += encodeURIComponent(s[i] as string);
  }
  return out;
}

/** Control characters, lone surrogates and invisible characters as `\uXXXX`; cut to `max` characters. */
export function printable(s: string, max = 300): string {
  const escaped = s.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it escapes
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b\u202e\ufeff\ue000\ue001\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return escaped.length > max ? `${escaped.slice(0, max)}… (${s.length} chars)` : escaped;
}

function authorizationOf(spec: RequestSpec, keys: FuzzKeys, mark: () => string): string[] {
  const v = spec.authVariant;
  const dep = keys.department;
  switch (spec.role) {
    case 'department':
    case 'association':
    case 'otherAssociation':
    case 'partner':
      return [`Bearer ${keys[spec.role]}`];
    case 'noKey':
      return [];
    case 'unknownKey': {
      const variants = [
        `trk_${'0'.repeat(16)}_${'A'.repeat(43)}`,
        'trk_unknown',
        `trk_${mark()}_x`,
        `trk_${'a'.repeat(4_000)}`,
        keys.revoked,
        `${dep}x`,
        dep.slice(0, -1),
      ];
      return [`Bearer ${variants[v % variants.length]}`];
    }
    case 'malformedHeader': {
      const variants: string[][] = [
        ['Bearer'],
        ['Bearer '],
        ['Basic dXNlcjpwYXNz'],
        [`Bearer ${dep} extra`],
        [`Token ${dep}`],
        [`Bearer${dep}`],
        [`Bearer "${dep}"`],
        [`Bearer ${dep},Bearer ${dep}`],
        // Two Authorization headers.
        [`Bearer ${dep}`, `Bearer ${keys.partner}`],
        // Sent as the byte 0xe9 (header values are latin-1 on the wire).
        [`Bearer \u00e9${mark()}`],
        [`Bearer ${'x'.repeat(8_000)}`],
        [`Bearer  ${mark()}`],
        [`bearer ${dep}\t`],
      ];
      return variants[v % variants.length] as string[];
    }
  }
}

/** The shell variables the replay line uses for each key. */
function keyVariables(keys: FuzzKeys): [string, string][] {
  return [
    [keys.department, 'DEPARTMENT_KEY'],
    [keys.association, 'ASSOCIATION_KEY'],
    [keys.otherAssociation, 'OTHER_ASSOCIATION_KEY'],
    [keys.partner, 'PARTNER_KEY'],
    [keys.revoked, 'REVOKED_KEY'],
  ];
}

/** The bytes of a request: markers numbered, tokens expanded, path parameters encoded (or not). */
export function materialize(
  spec: RequestSpec,
  n: number,
  operations: ReadonlyMap<string, FuzzOperation>,
  keys: FuzzKeys,
): MaterializedRequest {
  const op = operations.get(spec.operationId);
  if (!op) throw new Error(`no operation ${spec.operationId}`);
  const markerPrefix = `ZZQX${n}M`;
  let k = 0;
  const mark = () => `${markerPrefix}${k++}`;
  const withMarks = (s: string) => s.replace(/\uE000/g, mark);

  const pathname = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const p = spec.params[name];
    if (!p) throw new Error(`${spec.operationId}: no value for {${name}}`);
    const value = expand(withMarks(p.value));
    return p.raw ? value : encodeComponent(value);
  });
  const query = spec.query
    .map((q) => {
      const name = withMarks(q.name);
      if (q.raw) return name;
      const value = q.value === null ? null : expand(withMarks(q.value));
      return value === null ? encodeComponent(name) : `${encodeComponent(name)}=${encodeComponent(value)}`;
    })
    .join('&');
  const path = query ? `${pathname}?${query}` : pathname;

  const headers: OutgoingHttpHeaders = {};
  const authorization = authorizationOf(spec, keys, mark);
  // Two Authorization headers are sent as two header lines.
  if (authorization.length > 0)
    (headers as Record<string, string | string[]>).authorization =
      authorization.length === 1 ? (authorization[0] as string) : authorization;

  let body: Buffer | undefined;
  let bodyPreview = '';
  let chunked = false;
  if (spec.body.kind !== 'none') {
    const template = withMarks(spec.body.kind === 'json' ? JSON.stringify(spec.body.value) : spec.body.text);
    body = toBytes(expand(template));
    bodyPreview = printable(preview(template));
    chunked = spec.body.chunked;
    if (spec.body.contentType !== null) headers['content-type'] = spec.body.contentType;
    if (chunked) headers['transfer-encoding'] = 'chunked';
    else headers['content-length'] = String(body.length);
  }
  return {
    n,
    spec,
    operationId: spec.operationId,
    method: op.method,
    path,
    headers,
    authorization,
    keyVariables: keyVariables(keys),
    body,
    bodyPreview,
    chunked,
    markerPrefix,
  };
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  ms: number;
}

/** Sends one request over a keep-alive agent and reads the whole answer. */
export function send(base: URL, agent: Agent, req: MaterializedRequest, timeoutMs = 20_000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const outgoing = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: req.path,
        headers: req.headers,
        agent,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    if (req.body && req.body.length > 0) {
      if (req.chunked) {
        const half = Math.floor(req.body.length / 2);
        outgoing.write(req.body.subarray(0, half));
        outgoing.write(req.body.subarray(half));
      } else outgoing.write(req.body);
    }
    outgoing.end();
  });
}

/** Runs of a unit of 1 to 6 characters repeated 32 times or more. */
const RUN = /([\s\S]{1,6}?)\1{31,}/g;
const HAS_RUN = new RegExp(RUN.source);

/** A long text made short: repeated runs as ⟨'x'×8000⟩, control characters escaped, keys as `$…_KEY`. */
export function shortText(s: string, variables: readonly [string, string][] = [], max = 300): string {
  let text = s;
  for (const [key, name] of variables) if (key) text = text.split(key).join(`$${name}`);
  return printable(
    text.replace(RUN, (run, unit: string) => `⟨'${unit}'×${run.length / unit.length}⟩`),
    max,
  );
}

const octal = (bytes: Buffer) => [...bytes].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('');
const isPlain = (b: number) => b >= 0x20 && b < 0x7f && b !== 0x27;

/**
 * Shell commands that write exactly `bytes` to stdout: plain runs in single quotes, other bytes as
 * printf octal escapes, long repetitions with `yes | head` (a body of a million 'x' fits on a line).
 */
function shellWriters(bytes: Buffer): string[] {
  const text = bytes.toString('latin1');
  const out: string[] = [];
  const literal = (part: string) => {
    const buf = Buffer.from(part, 'latin1');
    let i = 0;
    while (i < buf.length) {
      let j = i;
      const plain = isPlain(buf[i] as number);
      while (j < buf.length && isPlain(buf[j] as number) === plain) j++;
      const chunk = buf.subarray(i, j);
      out.push(plain ? `printf %s '${chunk.toString('latin1')}'` : `printf '${octal(chunk)}'`);
      i = j;
    }
  };
  let last = 0;
  for (const match of text.matchAll(RUN)) {
    literal(text.slice(last, match.index));
    const unit = Buffer.from(match[1] as string, 'latin1');
    const times = (match[0] as string).length / unit.length;
    out.push(
      [...unit].every(isPlain)
        ? `yes '${unit.toString('latin1')}' | head -n ${times} | tr -d '\\n'`
        : `for i in $(seq ${times}); do printf '${octal(unit)}'; done`,
    );
    last = (match.index ?? 0) + (match[0] as string).length;
  }
  literal(text.slice(last));
  return out;
}

/** One shell word that expands to `value` (latin-1 bytes), keys written as their `$…_KEY` variable. */
function shellWord(value: string, variables: readonly [string, string][]): string {
  const pieces: string[] = [];
  let rest = value;
  while (rest.length > 0) {
    let at = rest.length;
    let found: [string, string] | undefined;
    for (const [key, name] of variables) {
      const i = key ? rest.indexOf(key) : -1;
      if (i >= 0 && i < at) {
        at = i;
        found = [key, name];
      }
    }
    const before = rest.slice(0, at);
    if (before) {
      const bytes = Buffer.from(before, 'latin1');
      if ([...bytes].every(isPlain) && !HAS_RUN.test(before)) pieces.push(`'${before}'`);
      else pieces.push(`"$(${shellWriters(bytes).join('; ')})"`);
    }
    if (!found) break;
    pieces.push(`"$${found[1]}"`);
    rest = rest.slice(at + found[0].length);
  }
  return pieces.join('') || "''";
}

/**
 * A bash line that sends the same bytes (`$BASE` the server, `$DEPARTMENT_KEY`… the keys of each
 * role): curl for the request line and headers, the body piped in from printf when it is not plain.
 */
export function curlLine(req: MaterializedRequest): string {
  // --path-as-is: keep `..` segments; -g: no globbing of [] and {}.
  const parts = ['curl', '-sS', '--path-as-is', '-g', '-X', req.method, `"$BASE"${shellWord(req.path, [])}`];
  for (const header of req.authorization)
    parts.push('-H', shellWord(`Authorization: ${header}`, req.keyVariables));
  const contentType = req.headers['content-type'];
  // curl sends `Content-Type:` with nothing after it as no header at all; `-H 'Content-Type;'` sends it empty.
  if (contentType !== undefined)
    parts.push('-H', contentType === '' ? "'Content-Type;'" : shellWord(`Content-Type: ${contentType}`, []));
  else if (req.body !== undefined) parts.push('-H', "'Content-Type:'");
  if (req.chunked) parts.push('-H', "'Transfer-Encoding: chunked'");
  if (req.body === undefined) return parts.join(' ');
  if (req.body.length === 0) return `${parts.join(' ')} --data-binary ''`;
  const writers = shellWriters(req.body);
  if (writers.length === 1 && writers[0]?.startsWith("printf %s '"))
    return `${parts.join(' ')} --data-binary ${(writers[0] as string).slice('printf %s '.length)}`;
  return `{ ${writers.join('; ')}; } | ${parts.join(' ')} --data-binary @-`;
}
