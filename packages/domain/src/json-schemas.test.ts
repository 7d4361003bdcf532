import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, ISO_DATE_PATTERN, isIsoDate, isIsoDateInRange } from './calendar.ts';
import { findCommuneByInseeCode } from './commune/index.ts';
import { convention2022417 } from './convention/conventions/2022-417.ts';
import { exportJsonSchemas, publicSchemas } from './json-schemas.ts';
import { placesOf } from './place/place.ts';

const SCHEMAS_DIR = new URL('../schemas/', import.meta.url);
const REGENERATE = 'run `npm run schemas -w @tremplins/domain` and commit schemas/';

const exported = exportJsonSchemas();
const names = Object.keys(publicSchemas) as (keyof typeof publicSchemas)[];

function committed(name: string): unknown {
  const file = new URL(`${name}.json`, SCHEMAS_DIR);
  if (!existsSync(file)) throw new Error(`schemas/${name}.json is missing: ${REGENERATE}`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

describe('committed JSON Schemas (what partner systems receive) match the zod schemas', () => {
  it.each(names)('schemas/%s.json is up to date', (name) => {
    expect(committed(name), `schemas/${name}.json differs from the zod schema: ${REGENERATE}`).toEqual(
      exported[name],
    );
  });

  it.each(names)('schemas/%s.json is written the way the script writes it', (name) => {
    const text = readFileSync(new URL(`${name}.json`, SCHEMAS_DIR), 'utf8');
    expect(text, `schemas/${name}.json is not formatted as generated: ${REGENERATE}`).toBe(
      `${JSON.stringify(exported[name], null, 2)}\n`,
    );
  });

  it('has no stale file for a schema that is no longer public', () => {
    const files = readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.json'));
    expect(files.sort(), `schemas/ holds other files than the public schemas: ${REGENERATE}`).toEqual(
      names.map((n) => `${n}.json`).sort(),
    );
  });

  it.each(names)('%s is draft 2020-12 with $id %s.json', (name) => {
    expect(exported[name]).toMatchObject({
      $id: `${name}.json`,
      $schema: 'https://json-schema.org/draft/2020-12/schema',
    });
  });
});

describe('the Convention JSON Schema', () => {
  const schema = exported.Convention as { $ref?: string; $defs?: Record<string, { properties?: object }> };
  const convention = schema.$defs?.Convention;

  it('contains the properties a partner needs', () => {
    expect(schema.$ref).toBe('#/$defs/Convention');
    expect(Object.keys(convention?.properties ?? {})).toEqual(
      expect.arrayContaining([
        'period',
        'funding',
        'capacity',
        'activityTarget',
        'stayRules',
        'dataProtection',
      ]),
    );
    expect(Object.keys(schema.$defs?.Funding?.properties ?? {})).toEqual(
      expect.arrayContaining(['totalCents', 'components', 'prorationBasis']),
    );
  });

  it('validates nothing about nationality ("sans condition de nationalité", art. 1)', () => {
    expect(JSON.stringify(exported.Convention)).not.toMatch(/nationalit/i);
    expect(JSON.stringify(exported.EligibilityFacts)).not.toMatch(/nationalit/i);
  });

  it('refuses unknown properties, as the zod schemas do', () => {
    expect(convention).toMatchObject({ additionalProperties: false });
    const facts = exported.EligibilityFacts as { $defs?: Record<string, unknown> };
    expect(facts.$defs?.EligibilityFacts).toMatchObject({ additionalProperties: false });
  });
});

// ---------------------------------------------------------------------------------------------------
// Cross-check: the published JSON Schemas (as a partner validates with them: ajv, draft 2020-12, strict,
// with and without format assertion) accept and refuse the same documents as the zod schemas the API
// applies, except the known gaps listed here, each with its reason.
// ---------------------------------------------------------------------------------------------------

type SchemaName = keyof typeof publicSchemas;
type Path = (string | number)[];
type Verdict = 'accepts' | 'refuses';

// ajv-formats is CommonJS; under nodenext its default import is typed as the module object.
const addFormats = ((ajvFormats as { default?: unknown }).default ?? ajvFormats) as (ajv: Ajv2020) => Ajv2020;

/** One validator per published file; `formats: false` is a validator that treats `format` as an annotation. */
function jsonSchemaValidators(formats: boolean): Record<SchemaName, ValidateFunction> {
  const ajv = new Ajv2020({ strict: true, validateFormats: formats });
  if (formats) addFormats(ajv);
  for (const name of names) ajv.addSchema(committed(name) as object);
  return Object.fromEntries(
    names.map((name) => [name, ajv.getSchema(`${name}.json`) as ValidateFunction]),
  ) as Record<SchemaName, ValidateFunction>;
}

const VALIDATORS = { formats: jsonSchemaValidators(true), patternsOnly: jsonSchemaValidators(false) };
type ValidatorKind = keyof typeof VALIDATORS;

const zodVerdict = (name: SchemaName, doc: unknown): Verdict =>
  publicSchemas[name].safeParse(doc).success ? 'accepts' : 'refuses';
const jsonVerdict = (name: SchemaName, doc: unknown, kind: ValidatorKind = 'formats'): Verdict =>
  VALIDATORS[kind][name](doc) ? 'accepts' : 'refuses';

function at(doc: unknown, path: Path): unknown {
  let value = doc;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}
const isString = (v: unknown): v is string => typeof v === 'string';
/** Both ISO dates and a before b (well-formed ISO dates compare as strings). */
const before = (a: unknown, b: unknown): boolean => isString(a) && isString(b) && a < b;
const records = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => x !== null && typeof x === 'object') : [];

/** Fields zod trims before checking them (`z.string().trim()…`), per published schema. */
const TRIMMED_FIELDS: Partial<Record<SchemaName, Path[]>> = {
  EligibilityFacts: [['commune']],
  Beneficiary: [['facts', 'commune']],
  PersonalData: [['lastName'], ['firstName'], ['postalAddress'], ['phone'], ['cafNumber']],
  Apartment: [['label']],
  CommissionDecision: [['decidedBy'], ['rationale']],
  Application: [
    ['decision', 'decidedBy'],
    ['decision', 'rationale'],
  ],
};

interface KnownGap {
  /** What JSON Schema does with the documents of this gap, where the API decides the other way. */
  jsonSchema: Verdict;
  /** Only validators that assert `format` show this gap. */
  formatsOnly?: true;
  reason: string;
  /** Whether a document of schema `name` falls in the gap (explains a generated disagreement). */
  applies: (name: SchemaName, doc: unknown) => boolean;
  /** Documents that show the gap. */
  examples: { schema: SchemaName; name: string; doc: unknown }[];
}

// --- Valid documents, by schema ----------------------------------------------------------------------

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const facts = { birthDate: '2004-03-14', commune: 'Oignies', aseStatus: 'former', inInsertionPath: true };
const fullFacts = {
  birthDate: '2006-02-28',
  commune: '62637',
  aseStatus: 'in_care',
  youngAdultContract: false,
  inInsertionPath: true,
  hasResources: false,
  familyRupture: true,
  needsSupport: true,
  unaccompaniedMinor: true,
  orientedBy: 'mds_henin_carvin',
  previousPlacement: 'children_home',
};
const decision = {
  decision: 'admitted',
  decidedBy: 'Commission d’admission du 15 juin',
  decidedOn: '2022-06-15',
  rationale: 'Meets art. 6; an adult place is free from July.',
};
const openStay = {
  id: 'stay-1',
  beneficiaryId: 'b-1',
  placeId: '2022-417-A01',
  startOn: '2022-11-30',
  plannedEndOn: '2023-02-28',
  renewals: 0,
  endOn: null,
  exitReason: null,
};
type Doc = Record<string, unknown>;

const [firstPlace, ...otherPlaces] = json(placesOf(convention2022417));
const lastPlace = otherPlaces.at(-1);
const oignies: Doc | undefined = json(findCommuneByInseeCode('62637'));
if (!firstPlace || !lastPlace || !oignies)
  throw new Error('convention 2022-417 has places and Oignies is a commune');

const VALID: Record<SchemaName, Doc[]> = {
  Convention: [json(convention2022417)],
  Commune: [
    oignies,
    { inseeCode: '29083', name: 'Île-de-Sein', postalCodes: ['29990'], departmentCode: '29', epci: null },
    { inseeCode: '2A004', name: 'Ajaccio', postalCodes: [], departmentCode: '2A', epci: null },
  ],
  Apartment: [
    {
      id: 'apt-1',
      conventionId: '2022-417',
      label: 'T3, 12 rue de la République',
      commune: '62637',
      operator: 'rencontres-et-loisirs',
    },
  ],
  Place: [
    firstPlace,
    lastPlace,
    { ...firstPlace, apartmentId: 'apt-1', availableUntil: '2022-12-31' },
    { ...firstPlace, availableUntil: firstPlace.availableFrom },
  ],
  EligibilityFacts: [facts, fullFacts],
  Beneficiary: [
    { id: 'b-1', facts },
    { id: 'b-2', facts: fullFacts, birthDateCertainty: 'year_only' },
  ],
  PersonalData: [
    {
      lastName: 'Martin',
      firstName: 'Léa',
      postalAddress: '12 rue de la République, 62590 Oignies',
      phone: '+33 6 12 34 56 78',
      cafNumber: '1234567A',
    },
  ],
  CommissionDecision: [decision, { ...decision, decision: 'deferred', decidedBy: 'M. Dupont' }],
  Application: [
    {
      id: 'app-1',
      beneficiaryId: 'b-1',
      conventionId: '2022-417',
      submittedOn: '2022-06-01',
      advice: { verdict: 'eligible', checks: [{ id: 'age-min', passed: true }] },
      decision: null,
    },
    {
      id: 'app-2',
      beneficiaryId: 'b-2',
      conventionId: '2022-417',
      submittedOn: '2024-02-29',
      advice: {},
      decision,
    },
  ],
  Stay: [
    openStay,
    {
      ...openStay,
      id: 'stay-2',
      renewals: 1,
      plannedEndOn: '2023-05-28',
      endOn: '2023-04-15',
      exitReason: 'housing_found',
    },
    // A stay that did not begin is cancelled with endOn = startOn.
    {
      ...openStay,
      id: 'stay-3',
      plannedEndOn: openStay.startOn,
      endOn: openStay.startOn,
      exitReason: 'other',
    },
  ],
};

function setAt<T>(doc: T, path: Path, value: unknown): T {
  const copy = structuredClone(doc);
  const parent = at(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path.at(-1) as string | number] = value;
  return copy;
}
function deleteAt<T>(doc: T, path: Path): T {
  const copy = structuredClone(doc);
  const parent = at(copy, path.slice(0, -1));
  if (Array.isArray(parent)) parent.splice(path.at(-1) as number, 1);
  else delete (parent as Record<string | number, unknown>)[path.at(-1) as string];
  return copy;
}
/** Every path in a document, containers included (not the root). */
function pathsOf(doc: unknown, prefix: Path = []): Path[] {
  if (doc === null || typeof doc !== 'object') return [];
  return Object.entries(doc).flatMap(([key, value]) => {
    const path = [...prefix, Array.isArray(doc) ? Number(key) : key];
    return [path, ...pathsOf(value, path)];
  });
}
/** Paths of the plain objects in a document, the root included. */
const objectPathsOf = (doc: unknown): Path[] =>
  [[], ...pathsOf(doc)].filter((p) => {
    const v = at(doc, p);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });

/** The `i`th valid sample of a schema. */
function sample(name: SchemaName, i = 0): Doc {
  const doc = VALID[name][i];
  if (!doc) throw new Error(`no valid sample ${i} of ${name}`);
  return doc;
}
const convention = sample('Convention');
const stay = sample('Stay');
const closedStay = sample('Stay', 1);
const personalData = sample('PersonalData');

// --- The known gaps, in one place ----------------------------------------------------------------------

/**
 * Where the published JSON Schemas cannot decide as the API does, and why. Every disagreement between
 * ajv and zod in the tests below must be one of these; each example is asserted to show exactly that
 * difference. (Not a gap: impossible dates such as 2004-02-30 are refused by the date pattern itself.)
 */
const KNOWN_GAPS: Record<string, KnownGap> = {
  'date-order': {
    jsonSchema: 'accepts',
    reason:
      'JSON Schema cannot compare two values: a period ending before it starts, a stay whose plannedEndOn or endOn is before its startOn, a funding component starting outside the convention period are refused by the API only. The schema descriptions state these rules.',
    applies: (name, doc) => {
      if (name === 'Stay')
        return (
          before(at(doc, ['plannedEndOn']), at(doc, ['startOn'])) ||
          before(at(doc, ['endOn']), at(doc, ['startOn']))
        );
      if (name !== 'Convention') return false;
      const [start, end] = [at(doc, ['period', 'start']), at(doc, ['period', 'end'])];
      return (
        before(end, start) ||
        records(at(doc, ['funding', 'components'])).some(
          (c) => before(c.startsOn, start) || before(end, c.startsOn),
        )
      );
    },
    examples: [
      {
        schema: 'Stay',
        name: 'plannedEndOn before startOn',
        doc: setAt(stay, ['plannedEndOn'], '2022-11-29'),
      },
      { schema: 'Stay', name: 'endOn before startOn', doc: setAt(closedStay, ['endOn'], '2022-01-01') },
      {
        schema: 'Convention',
        name: 'period ending before it starts',
        doc: setAt(convention, ['period', 'end'], '2021-12-31'),
      },
      {
        schema: 'Convention',
        name: 'funding component starting after the period',
        doc: setAt(convention, ['funding', 'components', 1, 'startsOn'], '2023-04-01'),
      },
    ],
  },
  'capacity-sum': {
    jsonSchema: 'accepts',
    reason:
      'JSON Schema has no arithmetic: a capacity step whose total is not adults + minors is refused by the API only (stated in the descriptions of Convention and of the total field).',
    applies: (name, doc) =>
      name === 'Convention' &&
      records(at(doc, ['capacity'])).some(
        (s) =>
          typeof s.total === 'number' &&
          typeof s.adults === 'number' &&
          typeof s.minors === 'number' &&
          s.adults + s.minors !== s.total,
      ),
    examples: [
      {
        schema: 'Convention',
        name: 'total ≠ adults + minors',
        doc: setAt(convention, ['capacity', 0, 'total'], 11),
      },
    ],
  },
  'trimmed-text': {
    jsonSchema: 'refuses',
    reason:
      'The API trims surrounding whitespace before checking a text (and keeps the trimmed text); JSON Schema checks the raw text. Blank and too-short texts are refused by both (a pattern states the minimum on the trimmed text), but a phone or CAF number with surrounding whitespace, or a text that padding takes past maxLength, is refused by JSON Schema and accepted by the API. Send trimmed text.',
    applies: (name, doc) =>
      (TRIMMED_FIELDS[name] ?? []).some((p) => {
        const v = at(doc, p);
        return isString(v) && v !== v.trim();
      }),
    examples: [
      {
        schema: 'PersonalData',
        name: 'CAF number with a trailing space',
        doc: setAt(personalData, ['cafNumber'], '1234567A '),
      },
      {
        schema: 'PersonalData',
        name: 'phone after a tab',
        doc: setAt(personalData, ['phone'], '\t0612345678'),
      },
      {
        schema: 'PersonalData',
        name: '200 letters and padding',
        doc: setAt(personalData, ['lastName'], ` ${'x'.repeat(200)} `),
      },
    ],
  },
  'email-format': {
    jsonSchema: 'refuses',
    formatsOnly: true,
    reason:
      'contactEmail carries both zod’s email pattern and format "email"; a validator that asserts formats (ajv-formats) also refuses a domain label ending with a hyphen, which the pattern and the API accept.',
    applies: (name, doc) =>
      name === 'Convention' && /@(?:.*-\.|.*-$)/.test(String(at(doc, ['dataProtection', 'contactEmail']))),
    examples: [
      {
        schema: 'Convention',
        name: 'domain label ending with a hyphen',
        doc: setAt(convention, ['dataProtection', 'contactEmail'], 'dpo@pasdecalais-.fr'),
      },
    ],
  },
};

/** The gap that explains a disagreement, if one does. */
function explainingGap(
  name: SchemaName,
  doc: unknown,
  json: Verdict,
  kind: ValidatorKind,
): string | undefined {
  return Object.entries(KNOWN_GAPS).find(
    ([, gap]) =>
      gap.jsonSchema === json && (kind === 'formats' || !gap.formatsOnly) && gap.applies(name, doc),
  )?.[0];
}

/** zod's and each validator's verdicts, and the gap explaining each disagreement (or `unexplained`). */
function crossCheck(name: SchemaName, doc: unknown) {
  const zod = zodVerdict(name, doc);
  const disagreements = (Object.keys(VALIDATORS) as ValidatorKind[]).flatMap((kind) => {
    const verdict = jsonVerdict(name, doc, kind);
    return verdict === zod
      ? []
      : [{ kind, json: verdict, gap: explainingGap(name, doc, verdict, kind) ?? 'unexplained' }];
  });
  return { zod, disagreements };
}

describe('the JSON Schemas compile as a partner would use them', () => {
  it.each(names)('%s compiles in ajv (draft 2020-12, strict) with and without format assertion', (name) => {
    expect(typeof VALIDATORS.formats[name]).toBe('function');
    expect(typeof VALIDATORS.patternsOnly[name]).toBe('function');
  });

  it('gives dates format "date" and the calendar pattern, under the id IsoDate', () => {
    for (const name of names) {
      const defs = (exported[name] as { $defs?: Record<string, object> }).$defs ?? {};
      if (!JSON.stringify(exported[name]).includes('#/$defs/IsoDate')) continue;
      expect(defs.IsoDate, name).toMatchObject({ type: 'string', format: 'date', pattern: ISO_DATE_PATTERN });
    }
    expect(JSON.stringify(exported.Stay)).toContain('#/$defs/IsoDate');
  });

  it('gives money integer cents, non-negative where zod says so', () => {
    const defs = (exported.Convention as { $defs: Record<string, object> }).$defs;
    expect(defs.Cents).toMatchObject({
      type: 'integer',
      minimum: -Number.MAX_SAFE_INTEGER,
      maximum: Number.MAX_SAFE_INTEGER,
    });
    expect(defs.AmountCents).toMatchObject({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
  });

  it('states every cross-field rule in a description', () => {
    const defs = (exported.Convention as { $defs: Record<string, { description?: string }> }).$defs;
    expect(defs.Period?.description).toMatch(/end must not be before start/);
    expect(defs.Convention?.description).toMatch(/total = adults \+ minors/);
    expect(defs.Convention?.description).toMatch(/starts within the period/);
    const stayDef = (exported.Stay as { $defs: Record<string, Record<string, unknown>> }).$defs.Stay;
    expect(stayDef?.description).toMatch(/must not be before startOn/);
    expect(stayDef?.anyOf).toHaveLength(2);
  });
});

describe('the date pattern accepts exactly the dates the API accepts (real dates of 1900–2100)', () => {
  const pattern = new RegExp(ISO_DATE_PATTERN, 'u');
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const agree = (text: string) => {
    expect(pattern.test(text), text).toBe(isIsoDateInRange(text));
    // decidedOn: a date no cross-field rule involves.
    const doc = setAt(decision, ['decidedOn'], text);
    expect(jsonVerdict('CommissionDecision', doc, 'patternsOnly'), text).toBe(
      zodVerdict('CommissionDecision', doc),
    );
  };

  it('on every month and day number of years with and without 29 February', () => {
    for (const year of [0, 1899, 1900, 2000, 2004, 2022, 2023, 2024, 2100, 2101, 2400, 9999]) {
      for (let month = 0; month <= 13; month += 1) {
        for (let day = 0; day <= 32; day += 1) agree(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
      }
    }
  });

  it('on generated strings close to a date', () => {
    const digits = (min: number, max: number) =>
      fc
        .integer({ min: 0, max: 10 ** max - 1 })
        .chain((n) => fc.constantFrom(String(n), String(n).padStart(min, '0')));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(digits(4, 4), digits(2, 2), digits(2, 2)).map(([y, m, d]) => `${y}-${m}-${d}`),
          fc
            .tuple(
              fc.integer({ min: 0, max: 9999 }),
              fc.integer({ min: 1, max: 12 }),
              fc.integer({ min: 1, max: 31 }),
            )
            .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
          fc.string({ maxLength: 12 }),
        ),
        (text) => agree(text),
      ),
      { numRuns: 1000 },
    );
  });

  it('even where format is not asserted: 2004-02-30 is refused by the pattern alone', () => {
    const doc = setAt(stay, ['startOn'], '2004-02-30');
    expect(zodVerdict('Stay', doc)).toBe('refuses');
    expect(jsonVerdict('Stay', doc, 'formats')).toBe('refuses');
    expect(jsonVerdict('Stay', doc, 'patternsOnly')).toBe('refuses');
  });
});

// --- Hand-written cases: what the API decides (`valid`), and the JSON Schemas decide the same ---------

interface Case {
  schema: SchemaName;
  name: string;
  doc: unknown;
  /** The API's (zod's) decision. */
  valid: boolean;
}

const invalid = (schema: SchemaName, name: string, doc: unknown): Case => ({
  schema,
  name,
  doc,
  valid: false,
});
const valid = (schema: SchemaName, name: string, doc: unknown): Case => ({ schema, name, doc, valid: true });
const facts0 = sample('EligibilityFacts');
const place = sample('Place');
const apartment = sample('Apartment');
const application = sample('Application');
const beneficiary = sample('Beneficiary');

const CASES: Case[] = [
  ...names.flatMap((schema) => VALID[schema].map((doc, i) => valid(schema, `valid sample ${i + 1}`, doc))),
  // Dates: wrong formats, impossible dates, times.
  invalid('Stay', 'date without zero padding', setAt(stay, ['startOn'], '2022-1-5')),
  invalid('Stay', 'date in French order', setAt(stay, ['startOn'], '30/11/2022')),
  invalid('Stay', 'date and time', setAt(stay, ['startOn'], '2022-11-30T00:00:00Z')),
  invalid('Stay', 'date with a space', setAt(stay, ['startOn'], ' 2022-11-30')),
  invalid('Stay', '30 February (impossible but well-formed)', setAt(stay, ['startOn'], '2004-02-30')),
  invalid('Place', '29 February of a common year', setAt(place, ['availableFrom'], '2023-02-29')),
  valid('Application', '29 February of a leap year', setAt(application, ['submittedOn'], '2024-02-29')),
  invalid(
    'Application',
    '29 February 1900 (not a leap year)',
    setAt(application, ['submittedOn'], '1900-02-29'),
  ),
  invalid('EligibilityFacts', 'month 13', setAt(facts0, ['birthDate'], '2004-13-01')),
  invalid('CommissionDecision', '31 April', setAt(decision, ['decidedOn'], '2022-04-31')),
  invalid(
    'Convention',
    'deliberation dated with a time',
    setAt(convention, ['deliberation', 'date'], '2022-10-17T10:00'),
  ),
  // Money and counts: integers, non-negative where zod says so.
  invalid('Convention', 'money as a float', setAt(convention, ['funding', 'totalCents'], 19_700_000.5)),
  invalid('Convention', 'money as a string', setAt(convention, ['funding', 'totalCents'], '19700000')),
  invalid(
    'Convention',
    'a negative participation',
    setAt(convention, ['funding', 'components', 0, 'annualAmountCents'], -1),
  ),
  valid(
    'Convention',
    'a negative balance (Cents may be negative)',
    setAt(convention, ['budgetLine', 'balanceCents'], -100),
  ),
  invalid(
    'Convention',
    'money beyond a safe integer',
    setAt(convention, ['budgetLine', 'balanceCents'], 2 ** 53),
  ),
  invalid('Stay', 'renewals as a float', setAt(stay, ['renewals'], 0.5)),
  invalid('Stay', 'negative renewals', setAt(stay, ['renewals'], -1)),
  invalid('Convention', 'activity rate above 1', setAt(convention, ['activityTarget', 'rate'], 1.01)),
  // Enums and constants.
  invalid('Stay', 'unknown exit reason', setAt(closedStay, ['exitReason'], 'moved_out')),
  invalid('Place', 'unknown category', setAt(place, ['category'], 'child')),
  invalid('Place', 'category in capitals', setAt(place, ['category'], 'ADULT')),
  invalid('Convention', 'unknown proration basis', setAt(convention, ['funding', 'prorationBasis'], 'weeks')),
  invalid('Convention', 'another constant', setAt(convention, ['termination', 'byWhom'], 'operator')),
  invalid('Beneficiary', 'unknown birth date certainty', { ...beneficiary, birthDateCertainty: 'guessed' }),
  valid('Beneficiary', 'birth date certainty defaulted', beneficiary),
  invalid('EligibilityFacts', 'unknown orientation', { ...facts0, orientedBy: 'police' }),
  // Nullable fields take null; optional fields do not.
  valid('Place', 'apartmentId null', setAt(place, ['apartmentId'], null)),
  valid('Place', 'availableUntil null', setAt(sample('Place', 2), ['availableUntil'], null)),
  valid('Convention', 'siren null', setAt(convention, ['parties', 0, 'siren'], null)),
  valid('Convention', 'address null', setAt(convention, ['parties', 0, 'address'], null)),
  valid('Convention', 'representedBy null', setAt(convention, ['parties', 0, 'representedBy'], null)),
  valid('Convention', 'projectDurationYears null', setAt(convention, ['projectDurationYears'], null)),
  valid('Convention', 'capacity step to null', setAt(convention, ['capacity', 0, 'to'], null)),
  valid('Convention', 'tacitExtensionTo null', setAt(convention, ['stayRules', 0, 'tacitExtensionTo'], null)),
  valid('Commune', 'epci null', setAt(oignies, ['epci'], null)),
  valid('Application', 'decision null', application),
  invalid('EligibilityFacts', 'an optional fact as null', { ...facts0, hasResources: null }),
  invalid('Stay', 'startOn null', setAt(stay, ['startOn'], null)),
  // Stay: endOn and exitReason together (an anyOf in JSON Schema).
  invalid('Stay', 'an exit date without a reason', setAt(stay, ['endOn'], '2023-01-15')),
  invalid('Stay', 'an exit reason without a date', setAt(stay, ['exitReason'], 'other')),
  invalid('Stay', 'a closed stay losing its exit date', setAt(closedStay, ['endOn'], null)),
  // Unknown and missing properties.
  invalid('Stay', 'an extra property', { ...stay, note: 'x' }),
  invalid('EligibilityFacts', 'a nationality (art. 1: "sans condition de nationalité")', {
    ...facts0,
    nationality: 'FR',
  }),
  invalid(
    'Convention',
    'an extra property deep inside',
    setAt(convention, ['funding', 'components', 0, 'rate'], 1),
  ),
  invalid(
    'Application',
    'an extra property in the decision',
    setAt(sample('Application', 1), ['decision', 'by'], 'x'),
  ),
  valid('Commune', 'an extra property (Commune is not strict: zod drops it)', {
    ...oignies,
    population: 10_000,
  }),
  valid('Application', 'anything in advice', setAt(application, ['advice', 'any'], [1, 'x', null])),
  invalid('Stay', 'a missing field', deleteAt(stay, ['placeId'])),
  invalid('Convention', 'an empty list where one is needed', setAt(convention, ['stayRules'], [])),
  // Texts: blank or too short once trimmed.
  invalid('CommissionDecision', 'a blank rationale', setAt(decision, ['rationale'], ' '.repeat(12))),
  invalid(
    'CommissionDecision',
    'a rationale of 9 characters padded to 13',
    setAt(decision, ['rationale'], '  123456789  '),
  ),
  valid(
    'CommissionDecision',
    'a rationale of 10 characters, padded',
    setAt(decision, ['rationale'], '\n1234567890 '),
  ),
  invalid('CommissionDecision', 'a blank name', setAt(decision, ['decidedBy'], ' \t ')),
  valid('CommissionDecision', 'a one-letter name, padded', setAt(decision, ['decidedBy'], ' X ')),
  invalid('EligibilityFacts', 'a blank commune', setAt(facts0, ['commune'], '   ')),
  invalid('Apartment', 'a blank label', setAt(apartment, ['label'], '\u00a0')),
  invalid('PersonalData', 'a blank last name', setAt(personalData, ['lastName'], '  ')),
  invalid('PersonalData', 'a last name of 201 letters', setAt(personalData, ['lastName'], 'x'.repeat(201))),
  invalid('PersonalData', 'not a phone number', setAt(personalData, ['phone'], 'call me')),
  invalid(
    'PersonalData',
    'a CAF number with a lowercase letter',
    setAt(personalData, ['cafNumber'], '1234567a'),
  ),
  invalid('Apartment', 'a postal code that is no INSEE code shape', setAt(apartment, ['commune'], '6259')),
  invalid('Commune', 'an INSEE code with a space', setAt(oignies, ['inseeCode'], '62 637')),
  // Lengths count characters (code points) in zod as in JSON Schema.
  invalid(
    'CommissionDecision',
    'a rationale of 5 emoji (10 UTF-16 units)',
    setAt(decision, ['rationale'], '😀'.repeat(5)),
  ),
  valid(
    'PersonalData',
    'a first name of 200 emoji (400 UTF-16 units)',
    setAt(personalData, ['firstName'], '😀'.repeat(200)),
  ),
  invalid('PersonalData', 'a first name of 201 emoji', setAt(personalData, ['firstName'], '😀'.repeat(201))),
  invalid(
    'Convention',
    'not an email',
    setAt(convention, ['dataProtection', 'contactEmail'], 'dpo at pasdecalais.fr'),
  ),
];

describe('hand-written documents: the JSON Schemas decide as the API does', () => {
  it.each(CASES.map((c) => [c.schema, c.name, c] as const))('%s: %s', (_schema, _name, c) => {
    expect(zodVerdict(c.schema, c.doc), 'zod').toBe(c.valid ? 'accepts' : 'refuses');
    expect(crossCheck(c.schema, c.doc).disagreements).toEqual([]);
  });
});

describe('known gaps: where the JSON Schemas cannot decide as the API does', () => {
  const examples = Object.entries(KNOWN_GAPS).flatMap(([id, gap]) =>
    gap.examples.map((e) => [id, e.schema, e.name, gap, e] as const),
  );

  it.each(examples)('%s, %s: %s', (id, schema, _name, gap, example) => {
    const { zod, disagreements } = crossCheck(schema, example.doc);
    const kinds: ValidatorKind[] = gap.formatsOnly ? ['formats'] : ['formats', 'patternsOnly'];
    expect(disagreements.map((d) => d.kind)).toEqual(kinds);
    for (const d of disagreements) {
      expect(d.gap).toBe(id);
      expect(d.json).toBe(gap.jsonSchema);
      expect(zod).not.toBe(d.json);
    }
  });

  it('lists each gap with its reason and at least one example', () => {
    for (const gap of Object.values(KNOWN_GAPS)) {
      expect(gap.reason.length).toBeGreaterThan(40);
      expect(gap.examples.length).toBeGreaterThan(0);
    }
  });
});

// --- Generated documents: one field of a valid document changed at a time ---------------------------

type Mutation =
  | { kind: 'replace'; path: Path; value: unknown }
  | { kind: 'delete'; path: Path }
  | { kind: 'extra'; path: Path; key: string };

function mutate(doc: unknown, m: Mutation): unknown {
  if (m.kind === 'replace') return setAt(doc, m.path, m.value);
  if (m.kind === 'delete') return deleteAt(doc, m.path);
  return m.path.length === 0 ? { ...(doc as object), [m.key]: 'x' } : setAt(doc, [...m.path, m.key], 'x');
}

const isoDate = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** A value to put where `original` was: of another type, malformed, out of range, or close to it. */
function replacementFor(original: unknown): fc.Arbitrary<unknown> {
  const generic = fc.constantFrom<unknown>(
    null,
    true,
    0,
    -1,
    1,
    0.5,
    2 ** 53,
    '',
    '   ',
    ' \t\n'.repeat(4),
    'x',
    'other',
    [],
    {},
  );
  const dates = fc.oneof(
    fc.constantFrom(
      '2004-02-30',
      '2023-02-29',
      '1900-02-29',
      '2024-02-29',
      '2022-13-01',
      '2022-00-10',
      '2022-04-31',
    ),
    fc.constantFrom(
      '2022-4-1',
      '20220401',
      '2022-04-01T00:00:00Z',
      ' 2022-04-01',
      '2022-04-01 ',
      '01/04/2022',
    ),
    fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(([y, m, d]) => isoDate(y, m, d)),
  );
  const arbitraries: fc.Arbitrary<unknown>[] = [generic, dates, fc.string({ maxLength: 20 })];
  if (typeof original === 'number') {
    arbitraries.push(
      fc.constantFrom(original + 0.5, original - 0.01, -original - 1, original + 1, original * 100),
      fc.integer({ min: -1_000, max: 1_000_000_000 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
  }
  if (isString(original)) {
    arbitraries.push(
      fc.constantFrom(`${original}_x`, original.toUpperCase(), ` ${original}`, original.slice(1)),
    );
    // Another real date near it: moves a start past an end, an end before a start.
    if (isIsoDate(original))
      arbitraries.push(fc.integer({ min: -800, max: 800 }).map((days) => addDays(original, days)));
  }
  return fc.oneof(...arbitraries);
}

function mutations(doc: unknown): fc.Arbitrary<Mutation> {
  const paths = pathsOf(doc);
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .constantFrom(...paths)
        .chain((path) =>
          replacementFor(at(doc, path)).map((value): Mutation => ({ kind: 'replace', path, value })),
        ),
    },
    { weight: 1, arbitrary: fc.constantFrom(...paths).map((path): Mutation => ({ kind: 'delete', path })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...objectPathsOf(doc)), fc.constantFrom('extra', 'nationality', 'id2'))
        .map(([path, key]): Mutation => ({ kind: 'extra', path, key })),
    },
  );
}

const RUNS_PER_SCHEMA = 200;

describe('generated documents: the JSON Schemas decide as the API does, but for the known gaps', () => {
  it.each(names)(`%s, ${RUNS_PER_SCHEMA} documents each with one field changed`, (name) => {
    const tally = { accepted: 0, refused: 0, gaps: {} as Record<string, number> };
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID[name]).chain((doc) => mutations(doc).map((m) => [doc, m] as const)),
        ([doc, m]) => {
          const changed = mutate(doc, m);
          const { zod, disagreements } = crossCheck(name, changed);
          tally[zod === 'accepts' ? 'accepted' : 'refused'] += 1;
          for (const d of disagreements) tally.gaps[d.gap] = (tally.gaps[d.gap] ?? 0) + 1;
          expect(
            disagreements.filter((d) => d.gap === 'unexplained'),
            JSON.stringify(m),
          ).toEqual([]);
        },
      ),
      { numRuns: RUNS_PER_SCHEMA },
    );
    // The mutations reach both sides of the line.
    expect(tally.refused).toBeGreaterThan(RUNS_PER_SCHEMA / 4);
    expect(tally.accepted).toBeGreaterThan(0);
  });
});

describe('every field set to null, removed, or joined by an unknown property', () => {
  it.each(names)('%s: the JSON Schema decides as zod does', (name) => {
    const unexplained: string[] = [];
    for (const doc of VALID[name]) {
      const changed = [
        ...pathsOf(doc).flatMap((path) => [
          [`${path.join('.')} = null`, setAt(doc, path, null)] as const,
          [`${path.join('.')} removed`, deleteAt(doc, path)] as const,
        ]),
        ...objectPathsOf(doc).map(
          (path) => [`${path.join('.')}.extra`, mutate(doc, { kind: 'extra', path, key: 'extra' })] as const,
        ),
      ];
      for (const [label, d] of changed) {
        const { disagreements } = crossCheck(name, d);
        if (disagreements.some((x) => x.gap === 'unexplained')) unexplained.push(label);
      }
    }
    expect(unexplained).toEqual([]);
  });

  it('null is accepted by both wherever zod says nullable, and only there', () => {
    const nullable = names.flatMap((name) =>
      VALID[name].flatMap((doc) =>
        pathsOf(doc)
          // advice holds anything (z.unknown()), null included.
          .filter((path) => !(name === 'Application' && path[0] === 'advice'))
          .filter((path) => zodVerdict(name, setAt(doc, path, null)) === 'accepts')
          .map((path) => `${name}:${path.map((k) => (typeof k === 'number' ? '[]' : k)).join('.')}`),
      ),
    );
    expect([...new Set(nullable)].sort()).toEqual([
      'Application:decision',
      'Commune:epci',
      'Convention:capacity.[].to',
      'Convention:parties.[].address',
      'Convention:parties.[].representedBy',
      'Convention:parties.[].siren',
      'Convention:projectDurationYears',
      'Convention:stayRules.[].tacitExtensionTo',
      'Place:apartmentId',
      'Place:availableUntil',
      'Stay:endOn',
      'Stay:exitReason',
    ]);
  });
});
