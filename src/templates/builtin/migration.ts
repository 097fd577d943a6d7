/** Built-in template `migration`: a database migration for a schema change. */
export const migrationTemplate = `---
name: migration
version: 1.0.0
task: generate
description: Write a database migration for a schema change, safe for production data, with its rollback.
output: files
modelHints:
  temperature: 0
  maxOutputTokens: 4096
variables:
  dialect:
    type: enum
    values: [postgresql, mysql, sqlite]
    default: postgresql
    description: Database engine.
  tool:
    type: enum
    values: [sql, knex, kysely, prisma, alembic, django]
    default: sql
    description: Migration tool whose format to follow.
  currentSchema:
    type: string
    description: Current definition of the affected tables (DDL or model code).
  reversible:
    type: boolean
    default: true
    description: Write the down migration too.
  zeroDowntime:
    type: boolean
    default: false
    description: The application keeps running during the migration (expand/contract).
---
Write a {{tool}} migration for {{dialect}} that makes this schema change:

{{spec}}

{{#currentSchema}}
## Current schema

~~~
{{currentSchema}}
~~~

{{/currentSchema}}
## Requirements

- Follow the naming, directory and format of the existing migrations shown in the repository context; if none are shown, use the tool's default layout and a timestamped file name.
- Preserve existing data: backfill new NOT NULL columns before adding the constraint, convert types explicitly, never drop a column or table that still holds data unless the change says so.
- Wrap the change in a transaction where {{dialect}} supports transactional DDL.
- Create indexes needed by new foreign keys and new lookups.
{{#reversible}}
- Write the down migration: it restores the previous schema exactly (and the data, where possible).
{{/reversible}}
{{#zeroDowntime}}
- Zero downtime: expand then contract. Add nullable columns and new tables first, backfill in batches, add constraints as NOT VALID and validate separately, build indexes concurrently; leave removals to a later migration.
{{/zeroDowntime}}
- If the ORM models or types in the repository context describe these tables, update them in the same answer.
`;
