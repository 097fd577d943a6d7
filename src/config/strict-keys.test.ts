/**
 * Issue 9.9: the README says unknown config keys are errors; keys under `gates.*`
 * were silently ignored (a typo such as `gates.tests.enabeld: true` did nothing).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ShipgateError } from '../errors.js';
import { parseConfig } from './load.js';
import { configSchema } from './schema.js';

/** JSON-pointer-ish paths of every object schema that lets unknown keys through. */
function looseObjects(node: unknown, path: string, out: string[]): string[] {
  if (node === null || typeof node !== 'object') return out;
  const schema = node as Record<string, unknown>;
  if (
    schema.type === 'object' &&
    schema.properties !== undefined &&
    schema.additionalProperties !== false
  )
    out.push(path || '(root)');
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && value && typeof value === 'object')
      for (const [name, child] of Object.entries(value))
        looseObjects(child, `${path}.${name}`, out);
    else if (typeof value === 'object') looseObjects(value, `${path}/${key}`, out);
  }
  return out;
}

function configError(input: unknown): string {
  try {
    parseConfig(input, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ShipgateError);
    return (error as ShipgateError).message;
  }
  return expect.fail('expected a configuration error');
}

describe('unknown keys are errors everywhere, gates included', () => {
  it('names a misspelt key under each gate and under gates itself', () => {
    for (const gate of [
      'typecheck',
      'lint',
      'security',
      'secrets',
      'complexity',
      'patterns',
      'tests',
    ]) {
      const message = configError({ gates: { [gate]: { enabeld: false } } });
      expect(message, gate).toContain('enabeld');
      expect(message, gate).toContain(`gates.${gate}`);
    }
    expect(configError({ gates: { tset: { enabled: true } } })).toContain('tset');
  });

  it('every section of the config schema refuses unknown keys (new sections too)', () => {
    const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
    expect(looseObjects(schema, '', []), 'use z.strictObject for these config sections').toEqual(
      [],
    );
  });

  it('accepts the documented gate keys', () => {
    const config = parseConfig(
      { gates: { tests: { enabled: true, coverageThreshold: 50 }, lint: { blocking: 'high' } } },
      'test.yaml',
    );
    expect(config.gates.tests.enabled).toBe(true);
    expect(config.gates.lint.blocking).toBe('high');
  });

  it('checks auth.required and server.allowedHosts', () => {
    const config = parseConfig(
      { auth: { required: true }, server: { allowedHosts: ['gw.example.com', '[::1]:8787'] } },
      'test.yaml',
    );
    expect(config.auth.required).toBe(true);
    expect(config.server.allowedHosts).toEqual(['gw.example.com', '[::1]:8787']);
    expect(parseConfig({}, 'test.yaml').auth.required).toBe(false);
    expect(configError({ auth: { requierd: true } })).toContain('requierd');
    expect(configError({ server: { allowedHosts: ['http://gw.example.com/'] } })).toContain(
      'server.allowedHosts',
    );
  });
});
