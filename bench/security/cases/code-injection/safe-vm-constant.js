/* eslint-disable */
const vm = require('vm');
const script = new vm.Script('globalThis.x = 1 + 1');
script.runInThisContext();
