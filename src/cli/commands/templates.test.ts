import { afterAll, describe, expect, it } from 'vitest';
import { createTempProject, sampleProject } from '../../context/test-support/project.js';
import { runCliCaptured } from '../../../test/support/run-cli.js';

const project = createTempProject({
  ...sampleProject,
  '.shipgate/templates/greeting.md': `---
name: greeting
version: 0.2.0
task: chat
description: Say hello.
output: code
variables:
  times:
    type: number
    default: 1
  loud:
    type: boolean
    default: false
  names:
    type: string[]
---
Greet {{#names}}{{.}} {{/names}}{{times}} time(s){{#loud}}, loudly{{/loud}}. {{spec}}
`,
});
afterAll(() => project.dispose());

const cli = (argv: string[]) => runCliCaptured(argv, {}, project.root);

describe('shipgate templates', () => {
  it('lists built-ins and project templates as one JSON document', async () => {
    const out = await cli(['templates', 'list', '--format', 'json']);
    expect(out.code).toBe(0);
    const { templates } = JSON.parse(out.stdout) as {
      templates: { name: string; source: string }[];
    };
    expect(templates.map((t) => `${t.name}:${t.source}`)).toEqual([
      'api-client:builtin',
      'docs:builtin',
      'function:builtin',
      'greeting:project',
      'migration:builtin',
      'refactor:builtin',
      'unit-tests:builtin',
    ]);
  });

  it('shows a template with its variables and body', async () => {
    const out = await cli(['templates', 'show', 'greeting']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(
      /^greeting 0\.2\.0 \(project: \.shipgate\/templates\/greeting\.md\)/,
    );
    expect(out.stdout).toMatch(/times\s+number\s+default 1/);
    expect(out.stdout).toContain('--- body ---\nGreet {{#names}}');
  });

  it('renders with --var values parsed by declared type', async () => {
    const out = await cli([
      'templates',
      'render',
      'greeting',
      '--spec',
      'Be nice.',
      '--var',
      'times=3',
      '--var',
      'loud=true',
      '--var',
      'names=Ada,Linus',
      '--format',
      'json',
    ]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const prompt = JSON.parse(out.stdout) as {
      messages: { content: string }[];
      tokenCount: number;
      template: { name: string };
    };
    expect(prompt.template.name).toBe('greeting');
    expect(prompt.messages[1]!.content).toMatch(/Greet Ada Linus 3 time\(s\), loudly\. Be nice\.$/);
    expect(prompt.tokenCount).toBeGreaterThan(0);
  });

  it('prints the messages under headers and a token summary in text', async () => {
    const out = await cli([
      'templates',
      'render',
      'function',
      '--spec',
      'cartTotal in dollars',
      '--file',
      'src/cart.ts',
      '--budget',
      '3000',
    ]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^=== system \(\d+ tokens\) ===\n/);
    expect(out.stdout).toMatch(/\n=== user \(\d+ tokens\) ===\n# Repository context/);
    expect(out.stdout).toMatch(
      /\n=== \d+ \/ 3000 tokens · template function@1\.0\.0 sha256:[0-9a-f]{12} · context: \d+ included, \d+ excluded ===/,
    );
    expect(out.stdout).toMatch(/yes\s+target\s+\d+\s+src\/cart\.ts/);
  });

  it('exits 2 naming the variable, the type and the value for a bad --var', async () => {
    const out = await cli([
      'templates',
      'render',
      'greeting',
      '--spec',
      'x',
      '--var',
      'times=often',
    ]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(
      'error: variable "times" of template "greeting" must be a number; got "often"\n',
    );
  });

  it('exits 2 for an unknown template, a missing spec and a bad budget', async () => {
    expect((await cli(['templates', 'show', 'nope'])).stderr).toMatch(
      /no template named "nope"; available: /,
    );
    const noSpec = await cli(['templates', 'render', 'function']);
    expect(noSpec).toMatchObject({
      code: 2,
      stderr: 'error: templates render needs --spec "<what to generate>"\n',
    });
    expect(
      (await cli(['templates', 'render', 'function', '--spec', 'x', '--budget', '0'])).code,
    ).toBe(2);
  });
});
