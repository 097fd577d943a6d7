import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/** Weak TLS parameters (weak-parameters.ts): an unsafe and a safe cipher list. */

const found = (code: string): string[] =>
  analyzeSource('server.js', code)
    .filter((f) => f.rule === 'insecure-crypto')
    .map((f) => `${f.line}:${f.cwe}`);

describe('TLS cipher lists', () => {
  it('reports suites with no or broken encryption', () => {
    const code = [
      "const https = require('https');",
      "https.createServer({ ciphers: 'NULL:RC4' });",
      "https.createServer({ ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:DES-CBC3-SHA' });",
    ].join('\n');
    expect(found(code)).toEqual(['2:CWE-327', '3:CWE-327']);
  });

  it('accepts strong suites and weak ones that are excluded', () => {
    const code = [
      "const https = require('https');",
      "https.createServer({ ciphers: 'HIGH:!aNULL:!MD5:!RC4' });",
      "https.createServer({ ciphers: 'TLS_AES_256_GCM_SHA384:ECDHE-ECDSA-AES256-GCM-SHA384' });",
    ].join('\n');
    expect(found(code)).toEqual([]);
  });
});

describe('Diffie-Hellman groups', () => {
  it('reports groups under 2048 bits, not modp14 and up', () => {
    const code = [
      "const crypto = require('crypto');",
      'const a = crypto.createDiffieHellman(1024);',
      "const b = crypto.getDiffieHellman('modp2');",
      'const c = crypto.createDiffieHellman(2048);',
      "const d = crypto.getDiffieHellman('modp14');",
    ].join('\n');
    expect(found(code)).toEqual(['2:CWE-326', '3:CWE-326']);
  });
});
