import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportJsonSchemas, publicSchemas } from './json-schemas.ts';

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
