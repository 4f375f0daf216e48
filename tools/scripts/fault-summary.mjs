// Prints the numbers the fault tests reported (reports/faults/summary/*.json): what each outage
// acknowledged, stored and refused, and the like. Measured values, never assertions.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'reports/faults/summary';
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
if (files.length) console.log('fault suite summary:');
for (const file of files) {
  const { title, rows } = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  console.log(`  ${title}`);
  for (const row of rows) console.log(`    ${Object.entries(row).map(([k, v]) => `${k}: ${v}`).join(', ')}`);
}
