/**
 * Ordinary code nobody here wrote: the security gate over the JavaScript of popular npm
 * packages installed in node_modules (tests, minified and >200 KB files left out). None
 * of it is a known vulnerability, so every medium-or-above finding is a likely false
 * positive of the kind that gets a review bot switched off; a crash is a gate failure.
 */
import { readFileSync } from 'node:fs';
import { filesUnder } from '../shared/files-under.js';
import { join } from 'node:path';
import { createSecurityGate } from '../../src/gates/security.js';

const packages = [
  'ajv',
  'avvio',
  'axios',
  'bl',
  'bullmq',
  'commander',
  'cross-spawn',
  'debug',
  'deep-extend',
  'dotenv',
  'esbuild',
  'eslint',
  'fast-json-stringify',
  'fastify',
  'find-my-way',
  'form-data',
  'glob',
  'ini',
  'ioredis',
  'js-yaml',
  'kysely',
  'light-my-request',
  'minimatch',
  'pg',
  'pino',
  'prom-client',
  'rfdc',
  'secure-json-parse',
  'semver',
  'simple-git',
  'tar',
  'undici',
  'ws',
  'yaml',
];

const walk = {
  file: (name: string, size: number) =>
    /\.(c|m)?js$/.test(name) && !name.endsWith('.min.js') && size < 200_000,
  skipDir: (name: string) => /^(node_modules|tests?|__tests__)$/.test(name),
  maxDepth: 6,
};

export async function ordinaryCode(nodeModules: string): Promise<Record<string, unknown>> {
  const files: string[] = [];
  for (const name of packages) filesUnder(join(nodeModules, name), walk, files);
  const gate = createSecurityGate();
  const signal = new AbortController().signal;
  const byRule: Record<string, number> = {};
  let lines = 0;
  let flaggedFiles = 0;
  let crashes = 0;
  for (const path of files) {
    const content = readFileSync(path, 'utf8');
    lines += content.split('\n').length;
    const result = await gate
      .run({ root: '/', files: [{ path, content }], options: {} }, signal)
      .catch(() => null);
    if (!result || (result.verdict === 'fail' && result.findings.length === 0)) {
      crashes += 1;
      continue;
    }
    const serious = result.findings.filter((f) =>
      ['medium', 'high', 'critical'].includes(f.severity),
    );
    if (serious.length > 0) flaggedFiles += 1;
    for (const f of serious) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  }
  const findings = Object.values(byRule).reduce((a, b) => a + b, 0);
  return {
    packages: packages.length,
    files: files.length,
    kloc: Math.round(lines / 1000),
    flaggedFiles,
    findingsMediumPlus: findings,
    perKloc: +(findings / (lines / 1000)).toFixed(2),
    crashes,
    byRule,
  };
}
