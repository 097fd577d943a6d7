import { describe, expect, it } from 'vitest';
import { createSecretDetector } from './detect.js';

// Assembled at run time so no real-format credential sits in the repository.
const pool = 'aZ3kQ9mW2xR7pL5vB8nT4hY6cJ1fD0gSuE';
const password = Array.from({ length: 18 }, (_, i) => pool[(i * 5) % pool.length]).join('');

const detector = createSecretDetector();
const found = async (text: string): Promise<string[]> =>
  (await detector.detect(text)).map((m) => `${m.rule}:${text.slice(m.start, m.end)}`);

describe("passwords in tools' short options", () => {
  it.each([
    ['registry-login-password', `docker login -u bot -p ${password} registry.example.com`],
    ['registry-login-password', `podman login --username bot -p '${password}' quay.io`],
    ['mysql-password', `mysql -h db -u root -p${password} app < dump.sql`],
    ['mysql-password', `mysqldump -u backup -p'${password}' shop > shop.sql`],
    ['sshpass-password', `sshpass -p "${password}" ssh deploy@10.0.0.5`],
    ['redis-cli-password', `redis-cli -h cache -a ${password} ping`],
  ])('finds %s', async (rule, text) => {
    expect(await found(text)).toEqual([`${rule}:${password}`]);
  });

  it('reads a quoted password whole, shell operators and all', async () => {
    const text = `mysql -u root -p'${password}&x' app`;
    expect(await found(text)).toEqual([`mysql-password:${password}&x`]);
  });

  it.each([
    ['a prompt (a space after -p)', 'mysql -u root -p app'],
    ['the port option', 'mysql -h db -P 3306 -u app -p'],
    ['a variable', 'docker login -u bot -p "$REGISTRY_PASSWORD" ghcr.io'],
    ['a CI template', 'docker login -u bot -p ${{ secrets.TOKEN }} ghcr.io'],
    ['a password from the environment', 'sshpass -e ssh deploy@host'],
    ['a stand-in word', 'redis-cli -a password ping'],
    ['stdin', 'echo "$TOKEN" | docker login -u bot --password-stdin'],
  ])('takes %s for no secret', async (_what, text) => {
    expect(await found(text)).toEqual([]);
  });
});
