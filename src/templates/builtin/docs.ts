/** Built-in template `docs`: documentation for a module's exports. */
export const docsTemplate = `---
name: docs
version: 1.0.0
task: generate
description: Document the exports of a file (pass it with --file) as doc comments or a Markdown page.
output: files
modelHints:
  temperature: 0.2
  maxOutputTokens: 4096
variables:
  format:
    type: enum
    values: [doc-comments, markdown]
    default: doc-comments
    description: Doc comments in the source (TSDoc, JSDoc, docstrings), or a Markdown reference page.
  audience:
    type: string
    default: developers using this module
    description: Who reads the documentation.
  includeExamples:
    type: boolean
    default: true
    description: Add a short usage example per export.
---
Document the exported API{{#targetFile}} of \`{{targetFile}}\`{{/targetFile}} for {{audience}}.

## Focus

{{spec}}

## Requirements

- Document every export: what it does, each parameter, the return value, the errors it throws and when.
- Describe what the code actually does, as read in the repository context; never invent behaviour, options or defaults.
{{#includeExamples}}
- One short, runnable usage example per export, using the real signatures.
{{/includeExamples}}
{{#format}}
- Format: {{format}}. For doc-comments, return the whole file with the comments added and the code byte-for-byte unchanged; for markdown, write a new page under docs/.
{{/format}}
- Plain, short sentences; no marketing words.
`;
