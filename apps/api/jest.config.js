const preset = require('../../jest.preset.js')(__dirname, 'api');
module.exports = {
  ...preset,
  setupFiles: ['reflect-metadata'],
  // Each test file builds its own database; two workers keep the 2-core machine responsive.
  maxWorkers: 2,
  testTimeout: 30000,
  // A worker's event loop is empty as soon as Jest asks it to end (no test leaves a handle open), but
  // the process then frees the API's memory it held (350-950 MB after its files), which took 0.3-0.9 s
  // on a busy 2-core machine: past Jest's 500 ms it was killed and reported as leaking. A real leak
  // (a timer, a socket, a server) never ends, and is still reported after this wait.
  workerGracefulExitTimeout: 5000,
};
