/** Built-in template `unit-tests`: tests for an existing function or file. */
export const unitTestsTemplate = `---
name: unit-tests
version: 1.0.0
task: generate
description: Write unit tests for an existing function or file (pass it with --file); tests that can fail, one behaviour each.
output: files
modelHints:
  temperature: 0
  maxOutputTokens: 4096
variables:
  framework:
    type: enum
    values: [vitest, jest, node-test, pytest]
    default: vitest
    description: Test framework to use.
  functionName:
    type: string
    description: Function (or class) under test; default is every export of the file.
  cases:
    type: string[]
    default: []
    description: Behaviours that must be covered, in words.
  coverageTarget:
    type: number
    description: Branch coverage to aim for, in percent.
  allowMocks:
    type: boolean
    default: false
    description: Whether collaborators (network, clock, file system) may be mocked.
---
Write {{framework}} unit tests{{#functionName}} for \`{{functionName}}\`{{/functionName}}{{#targetFile}}; the code under test is in \`{{targetFile}}\`{{/targetFile}}.

## What to test

{{spec}}

{{#cases.length}}
## Cases that must be covered

{{#cases}}
- {{.}}
{{/cases}}

{{/cases.length}}
## Rules for the tests

- Read the code under test (in the repository context) and test its actual contract: return values, thrown errors and their messages, side effects.
- One behaviour per test, named after it ("returns an empty list when …"); arrange, act, assert.
- Cover the normal path, boundaries (empty, zero, one, maximum), invalid inputs and every error branch.
- Every test must be able to fail: assert exact values, never only that something "is defined".
- Deterministic: no real network, no sleeps, fixed clocks and seeds; temporary files in a fresh temporary directory.
{{#allowMocks}}
- Mock only collaborators at the boundary (network, clock, file system), never the code under test.
{{/allowMocks}}
{{^allowMocks}}
- No mocks: use real objects and real temporary files.
{{/allowMocks}}
{{#coverageTarget}}
- Aim for at least {{coverageTarget}}% branch coverage of the code under test.
{{/coverageTarget}}
- Do not change the code under test; if it has a bug, write the test that shows it and say so in one sentence after the code.
- Put the tests in a new file next to the code, named like the project's other tests.
`;
