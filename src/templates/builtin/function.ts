/** Built-in template `function`: one function from a signature, types, constraints and ✅/❌ examples. */
export const functionTemplate = `---
name: function
version: 1.0.0
task: generate
description: Implement one function from a spec, its exact signature, the types it uses, constraints and good/bad examples, with tests.
output: files
withTests: true
modelHints:
  temperature: 0
  maxOutputTokens: 4096
variables:
  signature:
    type: string
    description: 'Exact signature to implement, e.g. "export function slugify(input: string): string".'
  language:
    type: enum
    values: [typescript, javascript, python]
    default: typescript
    description: Language of the implementation.
  types:
    type: string
    description: Type definitions the function takes or returns, verbatim.
  constraints:
    type: string[]
    default: []
    description: Rules the code must follow (complexity, purity, error handling, allowed APIs).
  examples:
    type: string[]
    default: []
    description: "✅ Input → expected output pairs the implementation must satisfy."
  counterExamples:
    type: string[]
    default: []
    description: "❌ Outputs, behaviours or code that are wrong here (known bugs, anti-patterns, forbidden APIs)."
  edgeCases:
    type: string[]
    default: []
    description: Inputs that must be handled explicitly (empty, very large, unicode, invalid).
  testFramework:
    type: enum
    values: [vitest, jest, node-test, pytest]
    default: vitest
    description: Framework for the tests written with the function.
---
Implement the function described below, in {{language}}.

## Specification

{{spec}}

{{#signature}}
## Signature

Keep it exactly: same name, parameters, parameter types and return type.

~~~
{{signature}}
~~~

{{/signature}}
{{#types}}
## Types it uses

~~~
{{types}}
~~~

{{/types}}
{{#constraints.length}}
## Constraints

{{#constraints}}
- {{.}}
{{/constraints}}

{{/constraints.length}}
{{#examples.length}}
## ✅ Must hold

{{#examples}}
- ✅ {{.}}
{{/examples}}

{{/examples.length}}
{{#counterExamples.length}}
## ❌ Must not happen

{{#counterExamples}}
- ❌ {{.}}
{{/counterExamples}}

{{/counterExamples.length}}
{{#edgeCases.length}}
## Edge cases to handle explicitly

{{#edgeCases}}
- {{.}}
{{/edgeCases}}

{{/edgeCases.length}}
## Requirements

- A complete, working implementation: no TODOs, stubs or placeholder logic.
- Validate inputs at the boundary and fail with a clear error for invalid ones; never fail silently.
- No new dependencies; use the standard library and what the repository context shows.
- Keep it small and readable (functions under ~50 lines); add a short doc comment saying what it returns and when it throws.
- Reuse the types and helpers shown in the repository context instead of redefining them.
{{#targetFile}}
- Write the function to \`{{targetFile}}\`; keep the rest of that file's content unchanged.
{{/targetFile}}
{{^targetFile}}
- Put it in a new file whose path fits the repository layout.
{{/targetFile}}
{{#withTests}}
- Also write {{testFramework}} tests in a separate test file next to it: one test per ✅ example, one per edge case, and a test that each ❌ case does not happen.
{{/withTests}}
`;
