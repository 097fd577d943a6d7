import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createTempProject } from '../context/test-support/project.js';
import { ShipgateError } from '../errors.js';
import { builtinTemplates, findTemplate, loadTemplates } from './load-templates.js';
import { parseTemplate } from './parse-template.js';
import { BodyRenderer } from './render-body.js';
import { parseVariableArgs, resolveVariables } from './variables.js';

const custom = `---
name: function
version: 2.1.0
task: generate
description: Our own function template.
output: code
modelHints:
  temperature: 0.1
  preferred: [fast]
variables:
  retries:
    type: number
    default: 3
  tags:
    type: string[]
  strict:
    type: boolean
    required: true
  style:
    type: enum
    values: [terse, verbose]
    default: terse
---
Spec: {{spec}} retries={{retries}} strict={{strict}} style={{style}}
{{#tags}}- {{.}}
{{/tags}}
`;

const project = createTempProject({ '.shipgate/templates/function.md': custom });
afterAll(() => project.dispose());

function expectError(fn: () => unknown, code: string, message: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ShipgateError);
    expect((error as ShipgateError).code).toBe(code);
    expect((error as ShipgateError).message).toMatch(message);
    return;
  }
  throw new Error('expected an error');
}

describe('built-in templates', () => {
  it('ship the six documented templates, each valid', () => {
    const names = builtinTemplates().map((t) => t.name);
    expect(names.sort()).toEqual([
      'api-client',
      'docs',
      'function',
      'migration',
      'refactor',
      'unit-tests',
    ]);
  });
});

describe('loadTemplates', () => {
  it('lets a project template override the built-in of the same name, hashing its file', async () => {
    const entries = await loadTemplates(project.root);
    const fn = findTemplate(entries, 'function');
    expect(fn).toMatchObject({ source: 'project', overridesBuiltin: true });
    expect(fn.template).toMatchObject({
      version: '2.1.0',
      output: 'code',
      origin: '.shipgate/templates/function.md',
    });
    expect(fn.template.hash).toBe(createHash('sha256').update(custom).digest('hex'));
    expect(findTemplate(entries, 'docs').source).toBe('builtin');
  });

  it('names the available templates for an unknown name', async () => {
    const entries = await loadTemplates(project.root);
    expectError(
      () => findTemplate(entries, 'nope'),
      'not_found',
      /no template named "nope"; available: api-client, docs/,
    );
  });
});

describe('parseTemplate', () => {
  const head = (extra: string, body = 'x') =>
    `---\nname: t\nversion: 1.0.0\ntask: chat\ndescription: d\noutput: code\n${extra}---\n${body}`;

  it('rejects missing front matter, bad versions, unknown fields and undeclared body names', () => {
    expectError(
      () => parseTemplate('no front matter', 'a.md'),
      'config_invalid',
      /a\.md: must start with YAML front matter/,
    );
    expectError(
      () => parseTemplate(head('').replace('1.0.0', '1.0'), 'a.md'),
      'config_invalid',
      /version: use a semantic version/,
    );
    expectError(() => parseTemplate(head('colour: red\n'), 'a.md'), 'config_invalid', /colour/);
    expectError(
      () => parseTemplate(head('', 'Hi {{who}} {{spec}}'), 'a.md'),
      'config_invalid',
      /body uses \{\{who\}\}, which is not declared/,
    );
    expectError(
      () => parseTemplate(head('', '{{#open}}'), 'a.md'),
      'config_invalid',
      /not a valid Mustache template/,
    );
  });

  it('rejects defaults of the wrong type, enums without values and reserved names', () => {
    const vars = (v: string) => head(`variables:\n${v}`);
    expectError(
      () => parseTemplate(vars('  n:\n    type: number\n    default: "3"\n'), 'a.md'),
      'config_invalid',
      /default of variable "n" must be number; got "3" \(string\)/,
    );
    expectError(
      () => parseTemplate(vars('  e:\n    type: enum\n'), 'a.md'),
      'config_invalid',
      /enum variable needs `values`/,
    );
    expectError(
      () => parseTemplate(vars('  spec:\n    type: string\n'), 'a.md'),
      'config_invalid',
      /"spec" is reserved/,
    );
  });
});

describe('resolveVariables', () => {
  const template = parseTemplate(custom, 'custom.md');

  it('applies defaults and keeps given values', () => {
    expect(resolveVariables(template, { strict: true, tags: ['a'] })).toEqual({
      retries: 3,
      tags: ['a'],
      strict: true,
      style: 'terse',
    });
  });

  it('names the variable, the expected type and what was given', () => {
    expectError(
      () => resolveVariables(template, { strict: true, retries: '3' }),
      'bad_request',
      /^variable "retries" of template "function" must be a number; got "3" \(string\)$/,
    );
    expectError(
      () => resolveVariables(template, { strict: true, style: 'loud' }),
      'bad_request',
      /must be one of terse \| verbose; got "loud" \(string\)/,
    );
    expectError(
      () => resolveVariables(template, { strict: true, tags: [1] }),
      'bad_request',
      /must be a list of strings \(string\[\]\); got \[1\] \(array\)/,
    );
    expectError(
      () => resolveVariables(template, {}),
      'bad_request',
      /needs variable "strict" \(a boolean\); none was given/,
    );
    expectError(
      () => resolveVariables(template, { strict: true, colour: 1 }),
      'bad_request',
      /has no variable "colour"; its variables are: retries, tags, strict, style/,
    );
  });
});

describe('parseVariableArgs', () => {
  const template = parseTemplate(custom, 'custom.md');

  it('converts --var values by declared type', () => {
    expect(
      parseVariableArgs(template, [
        'retries=5',
        'strict=yes',
        'tags=a, b\\,c',
        'tags=d',
        'style=verbose',
      ]),
    ).toEqual({
      retries: 5,
      strict: true,
      tags: ['a', 'b,c', 'd'],
      style: 'verbose',
    });
  });

  it('rejects malformed arguments and unconvertible values', () => {
    expectError(
      () => parseVariableArgs(template, ['retries']),
      'bad_request',
      /--var expects name=value; got "retries"/,
    );
    expectError(
      () => parseVariableArgs(template, ['retries=many']),
      'bad_request',
      /"retries" .* must be a number; got "many"/,
    );
    expectError(
      () => parseVariableArgs(template, ['strict=maybe']),
      'bad_request',
      /must be a boolean; got "maybe"/,
    );
  });
});

describe('BodyRenderer', () => {
  it('renders lists and conditionals without HTML escaping', () => {
    const body =
      'A {{x}}{{#list.length}} list:{{#list}} <{{.}}>{{/list}}{{/list.length}}{{^flag}} off{{/flag}}';
    const renderer = new BodyRenderer();
    expect(renderer.render(body, { x: 'a < b & "c"', list: ['1', '2'], flag: false })).toBe(
      'A a < b & "c" list: <1> <2> off',
    );
    expect(renderer.render(body, { x: '', list: [], flag: true })).toBe('A');
  });
});
