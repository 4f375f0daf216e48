const preset = require('../../jest.preset.js')(__dirname, 'faults');
module.exports = {
  ...preset,
  // The bad-input suite imports the API's sources in-process (type-graphql, TypeORM).
  setupFiles: ['reflect-metadata'],
  // Each file starts its own API processes and SMTP servers; two workers keep the 2-core machine usable.
  maxWorkers: 2,
  testTimeout: 120000,
};
