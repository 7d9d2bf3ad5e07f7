// Writes docs/brief.schema.json from the contract's zod schema; packages/contract/src/brief.test.ts
// fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { briefJsonSchema } from '../packages/contract/src/brief.ts';

const target = fileURLToPath(new URL('../docs/brief.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(briefJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
