import type { Env } from './load.js';

/** The process environment; the only place outside load.ts that touches process.env. */
export function processEnv(): Env {
  return process.env;
}
