import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

describe('security analysis of generated code', () => {
  it('survives a variable assigned thousands of times from nested scopes (an ajv-style validator)', () => {
    const lines = ['export function validate(data) {', '  let errors = null;'];
    for (let i = 0; i < 4000; i += 1)
      lines.push(
        `  if (data.p${i} !== undefined) { if (typeof data.p${i} !== 'string') { errors = errors === null ? [data.p${i}] : errors.concat(data.p${i}); } }`,
      );
    lines.push('  const out = errors;', '  return out;', '}');
    // the origin lists used to grow with every assignment until a spread overflowed the stack
    expect(analyzeSource('validator.js', lines.join('\n'))).toEqual([]);
  });
});
