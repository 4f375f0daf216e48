const preset = require('../../jest.preset.js')(__dirname, 'api');
module.exports = {
  ...preset,
  setupFiles: ['reflect-metadata'],
  // Each test file builds its own database; two workers keep the 2-core machine responsive.
  maxWorkers: 2,
  testTimeout: 30000,
};
