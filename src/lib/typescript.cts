/**
 * The TypeScript compiler, loaded with `require`. Importing the 9 MB CommonJS
 * `typescript.js` from ESM makes Node scan its whole source for exports and for
 * module syntax first — 0.6–1 s of every cold CLI run (validate, review,
 * generate). Loaded from a `.cts` file it goes through the CommonJS loader only.
 * Import it as `import ts from '<…>/lib/typescript.cjs'`: same value, same types.
 * See ADR 0030; the code cache that speeds up its compile is ADR 0034.
 */
try {
  // compiles it with a V8 code cache first (ADR 0034); an optimisation, never a failure
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose
  require('./typescript-code-cache.cjs');
} catch {
  // e.g. run from source by a loader that does not map .cjs to .cts: load it as usual
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose (ADR 0030)
import ts = require('typescript');

export = ts;
