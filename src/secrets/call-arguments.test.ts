import { describe, expect, it } from 'vitest';
import { scanCallArguments } from './call-arguments.js';

const pool = 'aZ3kQ9mW2xR7pL5vB8nT4hY6cJ1fD0gSuE';
const secret = Array.from({ length: 18 }, (_, i) => pool[(i * 11) % pool.length]).join('');
const found = (text: string): string[] => scanCallArguments(text).map((m) => m.secret);

describe('secrets passed as call arguments', () => {
  it.each([
    ['a setter', `dataSource.setPassword("${secret}");`],
    ['a builder', `Client.builder().apiKey("${secret}").build()`],
    ['a with- setter', `conf.withClientSecret('${secret}')`],
    ['a login call', `await client.login("deploy-bot", "${secret}")`],
    ['a basic-auth tuple', `requests.get(url, auth=("admin", "${secret}"))`],
    ['a basic-auth object', `HTTPBasicAuth("admin", "${secret}")`],
    ['a PHP constant', `define('DB_PASSWORD', '${secret}');`],
    ['a JWT signing key (Node)', `const t = jwt.sign(payload, "${secret}");`],
    ['a JWT signing key (PyJWT)', `jwt.encode({"sub": uid}, "${secret}", algorithm="HS256")`],
    ['a JWT signing key (Go)', `s, err := token.SignedString([]byte("${secret}"))`],
  ])('finds the literal in %s', (_what, text) => {
    expect(found(text)).toEqual([secret]);
  });

  it.each([
    ['a variable', 'user.setPassword(hash)'],
    ['a getter', `getToken("${secret}")`],
    ['a check', `validatePassword("${secret}")`],
    ['a hash call', `hashPassword("${secret}")`],
    ['an empty value', 'form.setPassword("")'],
    ['a password from the environment', 'client.login("bot", process.env.BOT_PASSWORD)'],
    ['a setter of something else', 'setTokenType("Bearer")'],
    ['a stand-in', 'conn.setPassword("${DB_PASSWORD}")'],
    ['a PHP constant of something else', `define('DB_HOST', '${secret}');`],
    ['a JWT key from the environment', 'jwt.sign(payload, process.env.JWT_SECRET)'],
    ['a JWT key in a variable', "jwt.sign(payload, key, { algorithm: 'RS256' })"],
  ])('takes %s for no secret', (_what, text) => {
    expect(found(text)).toEqual([]);
  });
});
