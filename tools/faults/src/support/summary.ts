import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WORKSPACE_ROOT } from './paths';

/** Where each fault test's numbers go; `node tools/scripts/fault-summary.mjs` prints them all (CI does). */
export const SUMMARY_DIR = path.join(WORKSPACE_ROOT, 'reports/faults/summary');

/**
 * Numbers a fault test measured and reports (never asserted as timings): one row per scenario, kept
 * in reports/faults/summary/<file>.json and printed with the test's output.
 */
export function reportSummary(file: string, title: string, rows: Array<Record<string, string | number>>): void {
  mkdirSync(SUMMARY_DIR, { recursive: true });
  writeFileSync(path.join(SUMMARY_DIR, `${file}.json`), JSON.stringify({ title, rows }, null, 2));
  process.stdout.write(`\n${title}\n${rows.map((row) => '  ' + Object.entries(row).map(([k, v]) => `${k}: ${v}`).join(', ')).join('\n')}\n`);
}
