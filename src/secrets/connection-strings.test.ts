import { describe, expect, it } from 'vitest';
import { createSecretDetector } from './detect.js';

// Assembled at run time so no real-format credential sits in the repository.
const pool = 'aZ3kQ9mW2xR7pL5vB8nT4hY6cJ1fD0gSuE';
const password = Array.from({ length: 18 }, (_, i) => pool[(i * 7) % pool.length]).join('');

const detector = createSecretDetector();
const found = async (text: string): Promise<string[]> =>
  (await detector.detect(text)).map((m) => text.slice(m.start, m.end));

describe('keyword connection strings (ADO.NET, ODBC, libpq)', () => {
  it.each([
    ['ADO.NET', `Server=tcp:db.example.net,1433;User ID=app;Password=${password};Encrypt=True;`],
    ['ODBC', `Driver={ODBC Driver 18};Server=db;Uid=sa;Pwd=${password};`],
    ['libpq', `dsn := "host=db port=5432 user=app password=${password} dbname=app"`],
  ])('finds the password of an %s string', async (_what, text) => {
    expect(await found(text)).toEqual([password]);
  });

  it.each([
    ['a template', 'Server=db;User ID=sa;Password={password};'],
    ['a command substitution', 'Server=db;User ID=sa;Password=$(DB_PASSWORD);'],
    ['a slot', 'Server=db;User Id=sa;Password=<your-password>;'],
    ['a word', 'Server=db;Password=password;'],
    ['a string being built', 'conn = "Server=" + host + ";Password=" + pwd'],
    ['no server on the line', `mode=retry;password=${password};count=3`],
  ])('takes %s for no secret', async (_what, text) => {
    expect(await found(text)).toEqual([]);
  });
});

describe('Dockerfile ENV and ARG', () => {
  it('finds a value set by ENV or ARG, and not a declared or templated one', async () => {
    expect(await found(`ENV DB_PASSWORD=${password}`)).toEqual([password]);
    expect(await found(`ARG NPM_TOKEN=${password}`)).toEqual([password]);
    expect(await found('ARG NPM_TOKEN')).toEqual([]);
    expect(await found('ENV SECRET_KEY=${SECRET_KEY}')).toEqual([]);
  });
});
