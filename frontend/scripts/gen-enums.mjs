// Writes the OpenAPI document's enums (components.schemas.*Enum) as TypeScript value lists next to the generated
// types, so the SPA's lists of states, kinds, levels and roles come from the API and cannot drift from it.
// Usage: node scripts/gen-enums.mjs <schema.yaml> <out.ts>   (part of `npm run gen:api`)
import { readFileSync, writeFileSync } from 'node:fs';

import { load } from 'js-yaml';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: gen-enums.mjs <schema.yaml> <out.ts>');
  process.exit(2);
}

const document = load(readFileSync(input, 'utf8'));
const schemas = document?.components?.schemas ?? {};
const lowerFirst = (name) => name.charAt(0).toLowerCase() + name.slice(1);

const blocks = Object.entries(schemas)
  .filter(([, schema]) => Array.isArray(schema.enum) && schema.enum.every((value) => typeof value === 'string'))
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([name, schema]) => {
    const values = schema.enum.map((value) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ');
    return [
      `/** Every value of \`${name}\`, in the API's order. */`,
      `export type ${name} = components['schemas']['${name}'];`,
      `export const ${lowerFirst(name)}Values = [${values}] as const satisfies readonly ${name}[];`,
    ].join('\n');
  });

const header = [
  '// Generated from openapi/schema.yaml by scripts/gen-enums.mjs (`npm run gen:api`): do not edit.',
  '// A label map typed `Record<XEnum, string>` fails to compile when the API gains or loses a value.',
  "import type { components } from './schema';",
];
writeFileSync(output, `${header.join('\n')}\n\n${blocks.join('\n\n')}\n`);
