// The boundaries table in CONTRIBUTING.md, as lint enforces it: each case lints one line of code as if
// it were a file at that path (nothing is written), through the workspace's own eslint.config.mjs.
// ESLint loads its config with a native import(), which Jest's module system cannot run, so the cases
// go to a child Node process that uses ESLint's API and answers with the rules that failed.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

interface Case {
  filePath: string;
  code: string;
}

// The cases are files that do not exist, which TypeScript's project service cannot type: boundaries
// need no types, so the type-aware rules are switched off for them.
const LINT_CASES = `
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: tseslint.configs.disableTypeChecked });
const answers = [];
for (const { filePath, code } of JSON.parse(input)) {
  const [result] = await eslint.lintText(code, { filePath });
  answers.push(result.messages.map((m) => m.ruleId ?? m.message));
}
process.stdout.write(JSON.stringify(answers));
`;

function lintCases(cases: Case[]): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['--input-type=module', '-e', LINT_CASES], { cwd: ROOT, maxBuffer: 10_000_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`eslint failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as string[][]);
    });
    child.stdin?.end(JSON.stringify(cases));
  });
}

const use = (specifier: string) => `import * as dependency from '${specifier}';\nexport const used = dependency;\n`;

/** [file, import, allowed?] — one row per arrow of the table, and the wrong ways round. */
const TABLE: [string, string, boolean][] = [
  ['libs/settings-schema/src/x.ts', '@maestro/mail-core', false],
  ['libs/settings-schema/src/x.ts', 'zod', true],
  ['libs/mail-core/src/x.ts', '@maestro/settings-schema', true],
  ['libs/mail-core/src/x.ts', '@maestro/dev-mailbox', false],
  ['libs/mail-core/src/x.ts', '../../../apps/api/src/main', false],
  ['libs/mail-core/test/x.spec.ts', '@maestro/dev-mailbox', true],
  ['libs/mail-core/test/x.spec.ts', '@maestro/test-support', true],
  ['tools/dev-mailbox/src/x.ts', '@maestro/settings-schema', true],
  ['tools/dev-mailbox/src/x.ts', '@maestro/test-support', false],
  ['tools/test-support/src/x.ts', '@maestro/dev-mailbox', true],
  ['tools/test-support/src/x.ts', '../../../apps/api/src/main', false],
  ['apps/api/src/x.ts', '@maestro/mail-core', true],
  ['apps/api/src/x.ts', '@maestro/dev-mailbox', true],
  ['apps/api/src/x.ts', '@maestro/test-support', false],
  ['apps/api/test/x.spec.ts', '@maestro/test-support', true],
  ['apps/api/src/x.ts', '../../../tools/faults/src/support/deployment', false],
  ['apps/web/src/x.tsx', '@maestro/settings-schema', true],
  ['apps/web/src/x.tsx', '@maestro/mail-core', false],
  ['apps/web/src/x.tsx', '../../api/src/graphql/schema', false],
  ['tools/faults/test/x.spec.ts', '../../../apps/api/src/main', true],
  ['tools/e2e/src/x.ts', '@maestro/test-support', true],
];

describe('project boundaries', () => {
  it('lint allows exactly the imports the boundaries table allows, and refuses the rest', async () => {
    const answers = await lintCases(TABLE.map(([filePath, specifier]) => ({ filePath, code: use(specifier) })));
    const verdicts = TABLE.map(([filePath, specifier], i) => `${filePath} -> ${specifier}: ${(answers[i] ?? []).join(', ') || 'allowed'}`);
    const expected = TABLE.map(([filePath, specifier, allowed]) => `${filePath} -> ${specifier}: ${allowed ? 'allowed' : 'boundaries/dependencies'}`);
    expect(verdicts).toEqual(expected);
  }, 60_000);
});
