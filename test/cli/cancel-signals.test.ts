/**
 * Issue 9.10: Ctrl-C (SIGINT) on `shipgate sandbox` with a long-running program stops the
 * jailed program and removes its temp folder; the CLI exits 130. A real CLI process.
 */
import { spawn } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseShutdownMs } from '../../src/cli/shutdown-ms.js';

const mainModule = resolve(import.meta.dirname, '../../src/cli/main.ts');
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Pids of live processes whose command line mentions `needle`. */
function processesMentioning(needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(needle)) found.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

describe.skipIf(process.platform !== 'linux')('CLI cancel signals', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s on `shipgate sandbox` leaves no process and no temp folder',
    async (signal) => {
      const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'sg-sigint-')));
      dirs.push(tmp);
      const program = join(tmp, 'forever.js');
      writeFileSync(program, 'setInterval(() => {}, 1000);\n');
      const script = `const { main } = await import(${JSON.stringify(mainModule)}); process.exitCode = await main(process.argv.slice(1));`;
      const cli = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          script,
          'sandbox',
          '--timeout',
          '600000',
          program,
        ],
        { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((r) => cli.on('exit', (code) => r(code)));
      const jails = () => readdirSync(tmp).filter((name) => name.startsWith('shipgate-sbx-'));
      // The jailed program runs once its folder exists and a process names it.
      const running = await waitFor(
        () => jails().some((jail) => processesMentioning(join(tmp, jail)).length > 0),
        20_000,
      );
      expect(running, stderr).toBe(true);
      const jail = join(tmp, jails()[0] ?? 'missing');
      cli.kill(signal);
      expect(await exited).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(await waitFor(() => processesMentioning(jail).length === 0, 3000)).toBe(true);
      expect(jails()).toEqual([]);
      expect(stderr).toContain('cancelled');
    },
    40_000,
  );
});

describe('serve --shutdown-ms', () => {
  it('accepts grace periods above 65535 ms and refuses nonsense', () => {
    expect(parseShutdownMs('120000')).toBe(120_000);
    expect(parseShutdownMs('0')).toBe(0);
    expect(() => parseShutdownMs('-1')).toThrow(/whole milliseconds/);
    expect(() => parseShutdownMs('1.5')).toThrow(/whole milliseconds/);
    expect(() => parseShutdownMs('3600001')).toThrow(/whole milliseconds/);
  });
});
