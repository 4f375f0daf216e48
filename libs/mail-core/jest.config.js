module.exports = require('../../jest.preset.js')(__dirname, 'mail-core');
