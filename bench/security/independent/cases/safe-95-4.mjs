/* eslint-disable */
// @ts-nocheck
// SAFE CWE-95 look-alike: eval / new Function only ever see constant strings (global-object and require shims).
import { createRequire } from 'node:module';

// Works in every environment including old browsers and strict-mode bundles.
const globalObject = typeof globalThis !== 'undefined' ? globalThis : new Function('return this')();

// Keep webpack from trying to bundle optional native deps.
const nodeRequire =
  typeof require === 'function' ? eval('require') : createRequire(import.meta.url);

export function loadOptional(name) {
  const known = { canvas: 'canvas', sharp: 'sharp' };
  if (!Object.hasOwn(known, name)) return null;
  try {
    return nodeRequire(known[name]);
  } catch {
    return null;
  }
}

export { globalObject };
