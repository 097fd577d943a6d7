import { apiClientTemplate } from './api-client.js';
import { docsTemplate } from './docs.js';
import { functionTemplate } from './function.js';
import { migrationTemplate } from './migration.js';
import { refactorTemplate } from './refactor.js';
import { unitTestsTemplate } from './unit-tests.js';

/**
 * The built-in templates' sources. They are TypeScript strings (not .md files)
 * so they ship in dist/ with the plain `tsc` build.
 */
export const builtinTemplateSources: readonly string[] = [
  functionTemplate,
  unitTestsTemplate,
  apiClientTemplate,
  migrationTemplate,
  refactorTemplate,
  docsTemplate,
];
