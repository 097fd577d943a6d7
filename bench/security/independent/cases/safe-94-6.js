/* eslint-disable */
// @ts-nocheck
// SAFE CWE-94 look-alike: vm runs a bootstrap script shipped with the application, not user input.
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const BOOTSTRAP_PATH = path.join(__dirname, 'templates', 'bootstrap.js');

function createTemplateContext(helpers) {
  const context = vm.createContext({ helpers, console });
  const source = fs.readFileSync(BOOTSTRAP_PATH, 'utf8');
  vm.runInContext(source, context, { filename: BOOTSTRAP_PATH });
  return context;
}

module.exports = { createTemplateContext };
