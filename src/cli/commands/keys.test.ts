import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../server/auth/key-format.js';
import { openStore } from '../../store/store.js';
import { runCliCaptured } from '../../../test/support/run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'shipgate-keys-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let home: string;
let run = 0;
beforeEach(() => {
  run += 1;
  home = join(root, `home-${run}`);
});

const cli = (argv: string[]) => runCliCaptured(argv, { SHIPGATE_HOME: home }, root);

async function storedKeys() {
  const store = await openStore(`sqlite:${join(home, 'shipgate.db')}`);
  try {
    return await store.keys.list();
  } finally {
    await store.close();
  }
}

describe('shipgate keys', () => {
  it('create prints the key once (json), stores only its hash, and list never shows it', async () => {
    const created = await cli([
      'keys',
      'create',
      '--name',
      'ci-bot',
      '--role',
      'ci',
      '--rpm',
      '60',
      '--budget-usd',
      '2.5',
      '--budget-period',
      'day',
      '--format',
      'json',
    ]);
    expect(created.code).toBe(0);
    const out = JSON.parse(created.stdout) as {
      key: string;
      warning: string;
      record: Record<string, unknown>;
    };
    expect(out.key).toMatch(/^sg-[A-Za-z0-9_-]{43}$/);
    expect(out.warning).toContain('will not be shown again');
    expect(created.stderr).toContain('will not be shown again');
    expect(out.record).toMatchObject({
      name: 'ci-bot',
      role: 'ci',
      rpm: 60,
      tpm: null,
      budgetMicros: 2_500_000,
      budgetPeriod: 'day',
      revokedAt: null,
    });
    expect(out.record).not.toHaveProperty('keyHash');
    const [stored] = await storedKeys();
    expect(stored?.keyHash).toBe(hashApiKey(out.key));

    for (const format of ['text', 'json']) {
      const listed = await cli(['keys', 'list', '--format', format]);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain('ci-bot');
      expect(listed.stdout).toContain(out.key.slice(0, 11));
      expect(listed.stdout).not.toContain(out.key);
      expect(listed.stdout).not.toContain(stored?.keyHash);
    }
    const json = JSON.parse((await cli(['keys', 'list', '--format', 'json'])).stdout) as {
      keys: unknown[];
    };
    expect(json.keys).toHaveLength(1);
  });

  it('create in text mode shows the key and how to send it', async () => {
    const created = await cli(['keys', 'create', '--name', 'alice', '--role', 'developer']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^ {2}sg-[A-Za-z0-9_-]{43}$/m);
    expect(created.stdout).toContain('Authorization: Bearer');
  });

  it('revoke by name or id; revoking an unknown key is a usage error', async () => {
    await cli(['keys', 'create', '--name', 'a', '--role', 'viewer']);
    await cli(['keys', 'create', '--name', 'b', '--role', 'viewer']);
    const [, b] = await storedKeys();
    expect((await cli(['keys', 'revoke', 'a'])).code).toBe(0);
    expect((await cli(['keys', 'revoke', b!.id, '--format', 'json'])).stdout).toBe(
      `${JSON.stringify({ revoked: b!.id })}\n`,
    );
    expect((await storedKeys()).map((k) => k.revokedAt !== null)).toEqual([true, true]);
    const again = await cli(['keys', 'revoke', 'a']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('no active API key named or with id "a"');
    expect((await cli(['keys', 'list'])).stdout).toMatch(/a\s.*revoked/);
  });

  it.each([
    [['--name', 'x', '--role', 'root'], /Allowed choices are admin, developer, ci, viewer/],
    [['--name', 'x', '--role', 'ci', '--budget-usd', '5'], /needs both an amount .* and a period/],
    [
      ['--name', 'x', '--role', 'ci', '--budget-period', 'day'],
      /needs both an amount .* and a period/,
    ],
    [
      ['--name', 'x', '--role', 'ci', '--budget-usd', 'lots', '--budget-period', 'day'],
      /positive amount of dollars/,
    ],
    [['--name', 'x', '--role', 'ci', '--rpm', '0'], /--rpm must be a positive whole number/],
    [
      ['--name', 'x', '--role', 'ci', '--budget-usd', '1', '--budget-period', 'week'],
      /Allowed choices are day, month/,
    ],
    [['--role', 'ci'], /required option '--name <name>'/],
    [['--name', 'has space', '--role', 'ci'], /key name "has space" is invalid/],
  ])('create %j is a usage error (exit 2) saying what to fix', async (args, message) => {
    const out = await cli(['keys', 'create', ...args]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stdout).toBe('');
  });

  it('a duplicate name is a usage error and leaves the first key alone', async () => {
    expect((await cli(['keys', 'create', '--name', 'same', '--role', 'ci'])).code).toBe(0);
    const dup = await cli(['keys', 'create', '--name', 'same', '--role', 'admin']);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('an API key named "same"');
    expect(dup.stdout).toBe('');
    expect((await storedKeys()).map((k) => k.role)).toEqual(['ci']);
  });
});
