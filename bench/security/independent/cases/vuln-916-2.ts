/* eslint-disable */
// @ts-nocheck
// VULN CWE-916: salted SHA-1 is still a fast hash, unsuitable for storing passwords.
import { createHash, randomBytes } from 'node:crypto';

export class PasswordHasher {
  hash(password: string): string {
    const salt = randomBytes(8).toString('hex');
    const digest = createHash('sha1')
      .update(salt + password)
      .digest('hex');
    return `${salt}:${digest}`;
  }

  verify(password: string, stored: string): boolean {
    const [salt, digest] = stored.split(':');
    return (
      createHash('sha1')
        .update(salt + password)
        .digest('hex') === digest
    );
  }
}
