/**
 * A minimal vitest/jest-compatible runtime (describe/it/test/expect and hooks) that is
 * prepended to generated tests run in the sandbox, so tests written for a framework —
 * as the templates ask — run as one plain program without the framework installed.
 * A failed test reports through console.assert (which the sandbox counts) with the
 * test's name and the expectation that failed.
 */
const shimSource = String.raw`
const __sg = (() => {
  const tests = [];
  const hooks = { beforeEach: [], afterEach: [], beforeAll: [], afterAll: [] };
  const prefix = [];
  const show = (v) => {
    if (v === undefined || typeof v === 'function' || typeof v === 'bigint' || Number.isNaN(v)) return String(v);
    try { return JSON.stringify(v) ?? String(v); } catch { return String(v); }
  };
  const keys = (o, strict) => Object.keys(o).filter((k) => strict || o[k] !== undefined).sort();
  function equal(a, b, strict) {
    if (Object.is(a, b)) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
    if (a instanceof RegExp || b instanceof RegExp) return String(a) === String(b);
    if (a instanceof Map || a instanceof Set) return equal([...a], [...b], strict);
    const ka = keys(a, strict);
    const kb = keys(b, strict);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && equal(a[k], b[k], strict));
  }
  const fail = (text) => { throw new Error(text); };
  function matchers(actual, negate) {
    const check = (ok, text) => { if (ok === negate) fail((negate ? 'not: ' : '') + text); };
    const m = {
      toBe: (e) => check(Object.is(actual, e), 'expected ' + show(actual) + ' to be ' + show(e)),
      toEqual: (e) => check(equal(actual, e, false), 'expected ' + show(actual) + ' to equal ' + show(e)),
      toStrictEqual: (e) => check(equal(actual, e, true), 'expected ' + show(actual) + ' to strictly equal ' + show(e)),
      toBeTruthy: () => check(Boolean(actual), 'expected ' + show(actual) + ' to be truthy'),
      toBeFalsy: () => check(!actual, 'expected ' + show(actual) + ' to be falsy'),
      toBeNull: () => check(actual === null, 'expected ' + show(actual) + ' to be null'),
      toBeUndefined: () => check(actual === undefined, 'expected ' + show(actual) + ' to be undefined'),
      toBeDefined: () => check(actual !== undefined, 'expected a defined value'),
      toBeNaN: () => check(Number.isNaN(actual), 'expected ' + show(actual) + ' to be NaN'),
      toContain: (e) => check(actual != null && actual.includes(e), 'expected ' + show(actual) + ' to contain ' + show(e)),
      toHaveLength: (n) => check(actual != null && actual.length === n, 'expected length ' + n + ', got ' + (actual == null ? actual : actual.length)),
      toMatch: (re) => check(typeof re === 'string' ? String(actual).includes(re) : re.test(String(actual)), 'expected ' + show(actual) + ' to match ' + show(re)),
      toBeGreaterThan: (n) => check(actual > n, 'expected ' + show(actual) + ' > ' + n),
      toBeGreaterThanOrEqual: (n) => check(actual >= n, 'expected ' + show(actual) + ' >= ' + n),
      toBeLessThan: (n) => check(actual < n, 'expected ' + show(actual) + ' < ' + n),
      toBeLessThanOrEqual: (n) => check(actual <= n, 'expected ' + show(actual) + ' <= ' + n),
      toBeCloseTo: (n, d = 2) => check(Math.abs(actual - n) < Math.pow(10, -d) / 2, 'expected ' + show(actual) + ' to be close to ' + n),
      toBeInstanceOf: (c) => check(actual instanceof c, 'expected an instance of ' + (c && c.name)),
      toHaveProperty: (k) => check(actual != null && k in Object(actual), 'expected property ' + show(k)),
      toThrow: (e) => {
        let thrown = null;
        try { actual(); } catch (error) { thrown = error || new Error(String(error)); }
        const text = thrown && (thrown.message ?? String(thrown));
        const ok = thrown !== null && (e === undefined || (typeof e === 'string' ? text.includes(e) : e instanceof RegExp ? e.test(text) : thrown instanceof e));
        check(ok, thrown ? 'expected a throw matching ' + show(e) + ', got ' + show(text) : 'expected the function to throw');
      },
    };
    m.toThrowError = m.toThrow;
    return m;
  }
  function expect(actual) {
    const m = matchers(actual, false);
    m.not = matchers(actual, true);
    const settle = (p, rejects) => new Proxy({}, { get: (_t, name) => async (...a) => {
      let value; let failed = false;
      try { value = await p; } catch (error) { value = error; failed = true; }
      if (failed !== rejects) fail(rejects ? 'expected the promise to reject' : 'expected the promise to resolve, it rejected with ' + show(value));
      return expect(value)[name](...a);
    } });
    m.resolves = settle(actual, false);
    m.rejects = settle(actual, true);
    return m;
  }
  const it = (name, fn) => { tests.push({ name: [...prefix, name].join(' > '), fn }); };
  it.skip = () => {};
  it.todo = () => {};
  it.each = (rows) => (name, fn) => rows.forEach((row, i) => it(name.replace('%s', String(row)).replace('%i', String(i)), () => (Array.isArray(row) ? fn(...row) : fn(row))));
  const describe = (name, fn) => { prefix.push(name); try { fn(); } finally { prefix.pop(); } };
  describe.skip = () => {};
  describe.each = (rows) => (name, fn) => rows.forEach((row) => describe(name.replace('%s', String(row)), () => (Array.isArray(row) ? fn(...row) : fn(row))));
  const hook = (kind) => (fn) => { hooks[kind].push(fn); };
  async function run() {
    for (const fn of hooks.beforeAll) await fn();
    for (const t of tests) {
      try {
        for (const fn of hooks.beforeEach) await fn();
        await t.fn();
        for (const fn of hooks.afterEach) await fn();
      } catch (error) {
        console.assert(false, t.name + ': ' + (error && error.message ? error.message : String(error)));
      }
    }
    for (const fn of hooks.afterAll) await fn();
  }
  return { it, test: it, describe, expect, run, beforeEach: hook('beforeEach'), afterEach: hook('afterEach'), beforeAll: hook('beforeAll'), afterAll: hook('afterAll') };
})();
const { describe, it, test, expect, beforeEach, afterEach, beforeAll, afterAll } = __sg;
`;

/** Test files importing a framework whose API the shim provides. */
const frameworkImport =
  /^[ \t]*import\s+[^;'"]*?from\s*['"](?:vitest|@jest\/globals|jest)['"][ \t]*;?[ \t]*$/gm;
const frameworkStyle = /\b(?:describe|it|test)\s*\(/;
const nodeTest = /from\s*['"]node:test['"]|require\(\s*['"]node:test['"]\s*\)/;

/** True when tests are written for vitest/jest (imports or globals), not node:test or plain asserts. */
export function needsShim(testSource: string): boolean {
  if (nodeTest.test(testSource)) return false;
  frameworkImport.lastIndex = 0;
  return frameworkImport.test(testSource) || frameworkStyle.test(testSource);
}

export function stripFrameworkImports(testSource: string): string {
  return testSource.replace(frameworkImport, '');
}

export const shimPrelude = shimSource;

export const shimEpilogue = '\n__sg.run();\n';
