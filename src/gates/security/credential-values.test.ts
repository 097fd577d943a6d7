import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/** Values of credential-named fields that are not credentials: an unsafe and a safe case each. */

const found = (code: string): string[] =>
  analyzeSource('client.js', code).map((f) => `${f.rule}:${f.line}`);

describe('hardcoded credentials: option values', () => {
  it("fetch's credentials mode (omit, same-origin, include) is an option, a literal secret is not", () => {
    const unsafe = ['const client = {', "  credentials: 'k8s-deploy-7Qz2',", '};'].join('\n');
    const safe = [
      "fetch('/api/me', { credentials: 'include' });",
      "const init = { credentials: opts.credentials ?? 'same-origin', mode: 'cors' };",
      "new Request('/x', { credentials: 'omit' });",
    ].join('\n');
    expect(found(unsafe)).toEqual(['hardcoded-credentials:2']);
    expect(found(safe)).toEqual([]);
  });
});
