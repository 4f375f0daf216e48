const preset = require('../../jest.preset.js')(__dirname, 'e2e');
module.exports = {
  ...preset,
  // One API, one dev mailbox and one Chromium for the whole file; the tests run in order in one worker.
  maxWorkers: 1,
  testTimeout: 90000,
};
