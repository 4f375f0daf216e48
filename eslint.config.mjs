// Lint rules for the whole workspace. The module-boundary rules keep dependencies pointing one way:
// web -> settings-schema; api -> mail-core -> settings-schema; libs never import apps.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noAppsFromLibs = {
  group: ['**/apps/**', '@maestro/api', '@maestro/web', '@maestro/api/*', '@maestro/web/*'],
  message: 'Libraries never import applications.',
};

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', 'reports/**', '.nx/**', 'apps/web/src/gql/**', 'data/**', 'tmp/**'],
  },
  js.configs.recommended,
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
    // Type-aware promise rules for the api (issue 13): a promise nobody awaits or handles crashed the
    // worker when the database failed. The typed program is built from apps/api/tsconfig.json.
    files: ['apps/api/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['libs/settings-schema/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [noAppsFromLibs, {
          group: ['@maestro/*', '**/mail-core/**'],
          message: 'settings-schema imports nothing of ours: it is the bottom of the graph.',
        }, {
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
        patterns: [noAppsFromLibs, {
          group: ['typeorm', 'type-graphql', 'graphql', '@apollo/*', 'express', 'mysql2', 'better-sqlite3'],
          message: 'mail-core has no database, no GraphQL and no HTTP server: plain objects in, plain objects out.',
        }],
      }],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['@maestro/mail-core', '**/libs/mail-core/**', '**/apps/api/**', '@maestro/api'],
          message: 'The web talks to the api over GraphQL only; it shares nothing but settings-schema.',
        }],
      }],
    },
  },
);
