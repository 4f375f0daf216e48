// Lint rules for the whole workspace. Every project has a kind, and eslint-plugin-boundaries enforces
// which kinds may import which (the table in CONTRIBUTING.md); the no-restricted-imports rules below
// add what a kind may not take from outside (Node built-ins in settings-schema, a database in mail-core).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';

/** Each project and its kind. The first pattern that matches a file wins. */
const PROJECTS = [
  { type: 'settings-schema', kind: 'lib', pattern: 'libs/settings-schema' },
  { type: 'mail-core', kind: 'lib', pattern: 'libs/mail-core' },
  { type: 'dev-mailbox', kind: 'dev-tool', pattern: 'tools/dev-mailbox' },
  { type: 'test-support', kind: 'test-support', pattern: 'tools/test-support' },
  { type: 'api', kind: 'api', pattern: 'apps/api' },
  { type: 'web', kind: 'web', pattern: 'apps/web' },
  { type: 'tool', kind: 'tool', pattern: 'tools/{e2e,faults,bench}' },
];

const TEST_FILES = ['**/test/**', '**/*.spec.{ts,tsx}', '**/*.test.{ts,tsx}', '**/test-setup.{ts,tsx}'];

const LIBS = ['settings-schema', 'mail-core'];
const ours = (...types) => ({ to: { element: { types: { anyOf: types } } } });

/**
 * Who may import whom. A project may always import itself and any package from the registry; what is
 * not allowed here is refused. Tests of a project may also import test-support (and the dev mailbox's
 * SMTP server); nothing else may.
 */
const BOUNDARY_POLICIES = [
  { from: { element: { type: 'settings-schema' } }, allow: ours('settings-schema') },
  { from: { element: { type: 'mail-core' } }, allow: ours('mail-core', 'settings-schema') },
  { from: { element: { type: 'dev-mailbox' } }, allow: ours('dev-mailbox', ...LIBS) },
  { from: { element: { type: 'test-support' } }, allow: ours('test-support', ...LIBS, 'dev-mailbox') },
  { from: { element: { type: 'api' } }, allow: ours('api', ...LIBS, 'dev-mailbox') },
  { from: { element: { type: 'web' } }, allow: ours('web', 'settings-schema') },
  { from: { element: { type: 'tool' } }, allow: ours(...LIBS, 'dev-mailbox', 'test-support', 'api', 'web', 'tool') },
  { from: { file: { categories: 'test' } }, allow: ours('test-support', 'dev-mailbox') },
];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', 'reports/**', '.nx/**', 'apps/web/src/gql/**', 'data/**', 'tmp/**'],
  },
  js.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': PROJECTS.map(({ type, pattern }) => ({ type, pattern, partialMatch: false })),
      'boundaries/files': [{ category: 'test', pattern: TEST_FILES }],
      'boundaries/dependency-nodes': ['import', 'dynamic-import', 'export', 'require'],
      // Workspace packages resolve through their node_modules links to the real sources.
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json'], preserveSymlinks: false } },
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: BOUNDARY_POLICIES }],
    },
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // type-graphql and TypeORM read parameter and property types at run time (decorator metadata):
    // an import that looks type-only is a value there, and the lint rule must know it.
    files: ['apps/api/**/*.ts'],
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
  },
  {
    // Type-aware rules for every project (issues 13 and 18): a promise nobody awaits or handles crashed
    // the worker when the database failed. Each file is typed by its project's tsconfig.json.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // A switch over our own unions names every case, so a new member is a compile-time question; a
      // default branch is an explicit "the rest" (zod's issue codes, Node's error codes).
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // A check the types say can never matter is dead code or a type that lies. Not in tests: their
    // `let api: TestApi` set in beforeAll is rightly guarded with `api?.close()` in afterAll.
    files: ['**/*.{ts,tsx}'],
    ignores: [...TEST_FILES],
    rules: { '@typescript-eslint/no-unnecessary-condition': 'error' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['libs/settings-schema/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['node:*', 'fs', 'path', 'net', 'tls', 'http', 'https', 'crypto', 'os'],
          message: 'settings-schema runs in the browser too: no Node built-ins.',
        }],
      }],
    },
  },
  {
    files: ['libs/mail-core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['typeorm', 'type-graphql', 'graphql', '@apollo/*', 'express', 'mysql2', 'better-sqlite3'],
          message: 'mail-core has no database, no GraphQL and no HTTP server: plain objects in, plain objects out.',
        }],
      }],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
