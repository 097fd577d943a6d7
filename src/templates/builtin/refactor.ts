/** Built-in template `refactor`: refactor a selection of code without changing behaviour. */
export const refactorTemplate = `---
name: refactor
version: 1.0.0
task: generate
description: Refactor a selection of code (the selection variable) toward stated goals, keeping its behaviour.
output: code
modelHints:
  temperature: 0
  maxOutputTokens: 4096
variables:
  selection:
    type: string
    required: true
    description: The code to refactor, verbatim.
  goals:
    type: string[]
    default: []
    description: What the refactoring should achieve (e.g. "extract the parsing into a function").
  preserveApi:
    type: boolean
    default: true
    description: Keep exported names, signatures and behaviour unchanged.
---
Refactor the selected code{{#targetFile}} from \`{{targetFile}}\`{{/targetFile}}.

## What to do

{{spec}}

{{#goals.length}}
## Goals

{{#goals}}
- {{.}}
{{/goals}}

{{/goals.length}}
## Selection

~~~
{{selection}}
~~~

## Rules

- Same observable behaviour: same results, same errors, same side effects, in the same order.
{{#preserveApi}}
- Keep every exported name and signature unchanged; the callers shown in the repository context must keep working without edits.
{{/preserveApi}}
- Smaller, clearer pieces: early returns over nesting, functions under ~50 lines, names that say what things are.
- No new dependencies; no unrelated changes; keep comments that still apply.
- Answer with the replacement for the selection only, as one code block that can be pasted in its place.
`;
