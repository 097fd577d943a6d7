import { describe, expect, it } from 'vitest';
import { ShipgateError } from '../errors.js';
import { createSandbox } from './create-sandbox.js';

const sandbox = createSandbox();
const js = (code: string, timeoutMs = 3000) => sandbox.run({ code, language: 'js', timeoutMs });

describe('sandbox verdicts', () => {
  it('passes a program whose assertions hold', async () => {
    const result = await js('console.assert(1 + 1 === 2); console.log("done")');
    expect(result).toMatchObject({
      verdict: 'pass',
      exitCode: 0,
      failedAssertions: 0,
      stdout: 'done\n',
    });
    expect(result.reason).toBeUndefined();
  });

  it('counts every failed console.assert and fails', async () => {
    const result = await js(
      'console.assert(false); console.assert(1 === 2, "msg"); console.assert(true)',
    );
    expect(result).toMatchObject({ verdict: 'fail', exitCode: 0, failedAssertions: 2 });
    expect(result.reason).toBe('2 console.assert call(s) failed');
  });

  it('fails on an uncaught exception, naming it', async () => {
    const result = await js('throw new TypeError("boom")');
    expect(result).toMatchObject({ verdict: 'fail', exitCode: 1 });
    expect(result.reason).toContain('TypeError: boom');
  });

  it('fails on an unhandled rejection and on a non-zero exit', async () => {
    const rejected = await js('Promise.reject(new Error("nope"))');
    expect(rejected).toMatchObject({ verdict: 'fail', exitCode: 1 });
    expect(rejected.reason).toContain('Error: nope');
    const exited = await js('process.exit(3)');
    expect(exited).toMatchObject({ verdict: 'fail', exitCode: 3 });
  });

  it('fails a JS syntax error (the program is at fault, not the sandbox)', async () => {
    const result = await js('const x = (;');
    expect(result.verdict).toBe('fail');
    expect(result.reason).toContain('SyntaxError');
  });

  it('runs TypeScript and fails one that does not parse before spawning anything', async () => {
    const ok = await sandbox.run({
      code: 'const n: number = 2;\nconsole.log(n * 21);',
      language: 'ts',
    });
    expect(ok).toMatchObject({ verdict: 'pass', stdout: '42\n' });
    const broken = await sandbox.run({ code: 'const n: number = ;', language: 'ts' });
    expect(broken).toMatchObject({ verdict: 'fail', exitCode: null });
    expect(broken.reason).toMatch(/TypeScript does not compile: TS1109 .*line 1/);
  });

  it('runs ES modules with top-level await', async () => {
    const result = await js(
      'import { setTimeout as wait } from "node:timers/promises";\nawait wait(1);\nconsole.log("esm");',
    );
    expect(result).toMatchObject({ verdict: 'pass', stdout: 'esm\n' });
  });

  it('cannot forge a passing report or switch off assertion counting', async () => {
    const forged = await js(
      `const fs = require('fs');
       try { console.assert = () => {}; } catch {}
       console.assert(false);
       fs.writeSync(3, '\\n{"type":"exit","nonce":"guess","failedAssertions":0,"error":null}\\n');`,
    );
    expect(forged).toMatchObject({ verdict: 'fail', failedAssertions: 1 });
    const closed = await js('console.assert(false); require("fs").closeSync(3);');
    expect(closed).toMatchObject({ verdict: 'fail', failedAssertions: 1 });
    const silenced = await js('process.removeAllListeners("exit");');
    expect(silenced.verdict).toBe('fail');
    expect(silenced.reason).toContain('exit report');
  });

  it('keeps only the tail of a flood of output', async () => {
    const result = await js(
      'for (let i = 0; i < 20000; i++) console.log("line " + i + " ".repeat(40));',
    );
    expect(result.verdict).toBe('pass');
    expect(result.stdout.length).toBeLessThan(70 * 1024);
    expect(result.stdout).toContain('line 19999');
    expect(result.stdout).toMatch(/^\[… \d+ earlier bytes dropped\]/);
  });

  it('rejects with an aborted error and kills the program when the signal aborts', async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 300);
    const run = sandbox.run({
      code: 'while (true) {}',
      language: 'js',
      signal: controller.signal,
      timeoutMs: 10_000,
    });
    await expect(run).rejects.toBeInstanceOf(ShipgateError);
    await expect(run).rejects.toMatchObject({ code: 'aborted' });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reports an infrastructure failure as error, not as the program failing', async () => {
    const broken = createSandbox({
      isolation: { namespaces: true, unsharePath: '/nonexistent/unshare' },
    });
    const result = await broken.run({ code: 'console.log(1)', language: 'js' });
    expect(result.verdict).toBe('error');
    expect(result.reason).toMatch(/could not start the sandbox/);
  });
});
