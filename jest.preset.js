// Shared Jest setup: swc compiles TypeScript (with decorator metadata for type-graphql and TypeORM)
// and the @maestro/* aliases point at the libraries' sources, as in tsconfig.base.json.
const path = require('node:path');

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true, tsx: false },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

/** @param {string} projectDir  @param {string} name */
module.exports = function jestPreset(projectDir, name) {
  const root = __dirname;
  // Each project's test script writes its JSON report here (--outputFile), and Jest will not create it.
  require('node:fs').mkdirSync(path.join(root, 'reports/tests'), { recursive: true });
  return {
    displayName: name,
    rootDir: projectDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    transform: { '^.+\\.(t|j)s$': ['@swc/jest', swcOptions] },
    moduleNameMapper: {
      '^@maestro/settings-schema$': path.join(root, 'libs/settings-schema/src/index.ts'),
      '^@maestro/mail-core$': path.join(root, 'libs/mail-core/src/index.ts'),
      '^@maestro/dev-mailbox$': path.join(root, 'tools/dev-mailbox/src/index.ts'),
      '^@maestro/test-support$': path.join(root, 'tools/test-support/src/index.ts'),
    },
    moduleFileExtensions: ['ts', 'js', 'json'],
  };
};
