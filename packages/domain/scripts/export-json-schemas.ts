// Writes schemas/<Name>.json from the zod schemas; CI fails when the committed files differ.
import { mkdirSync, writeFileSync } from 'node:fs';
import { exportJsonSchemas } from '../src/json-schemas.ts';

const dir = new URL('../schemas/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(exportJsonSchemas())) {
  writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`schemas/${name}.json`);
}
