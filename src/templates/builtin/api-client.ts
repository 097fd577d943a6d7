/** Built-in template `api-client`: a typed client from an OpenAPI document. */
export const apiClientTemplate = `---
name: api-client
version: 1.0.0
task: generate
description: Generate a typed HTTP client from an OpenAPI 3 document (pass the document as the openapi variable).
output: files
withTests: true
modelHints:
  temperature: 0
  maxOutputTokens: 8192
variables:
  openapi:
    type: string
    required: true
    description: The OpenAPI 3.x document (JSON or YAML text).
  clientName:
    type: string
    default: ApiClient
    description: Name of the client class or factory.
  language:
    type: enum
    values: [typescript, python]
    default: typescript
    description: Language of the client.
  operations:
    type: string[]
    default: []
    description: operationIds to include; default is all of them.
  retries:
    type: boolean
    default: false
    description: Retry idempotent requests (GET, PUT, DELETE) on 429/5xx with backoff.
---
Generate a typed {{language}} HTTP client named \`{{clientName}}\` for the API below.

## Specification

{{spec}}

## OpenAPI document

~~~
{{openapi}}
~~~

{{#operations.length}}
## Operations to include (by operationId)

{{#operations}}
- {{.}}
{{/operations}}

{{/operations.length}}
## Requirements

- One method per operation, named after its operationId, with typed parameters (path, query, header, body) and a typed result for each documented response.
- Types generated from the document's schemas (required vs optional fields, enums as unions, nullable as \`| null\`); no \`any\`.
- The base URL, default headers, authentication (from securitySchemes) and a fetch/HTTP implementation are constructor options, so tests can inject a fake.
- Non-2xx responses raise a typed error carrying the status, the operationId and the parsed error body.
- Serialize query parameters and path parameters exactly as the document's style/explode say; encode path parameters.
- Support cancellation (an AbortSignal or timeout option).
{{#retries}}
- Retry idempotent requests on 429 and 5xx with exponential backoff and jitter, honouring Retry-After; never retry POST.
{{/retries}}
- No dependencies beyond the standard library of {{language}}.
{{#withTests}}
- Tests that run the client against a fake HTTP implementation: a success, an error status, and parameter serialization for one operation of each kind.
{{/withTests}}
`;
