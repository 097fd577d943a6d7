import { describe, expect, it } from 'vitest';
import { parseIgnoreFile } from './ignore-file.js';

describe('parseIgnoreFile', () => {
  it('honours "FINGERPRINT reason" lines and refuses entries without a reason', () => {
    const list = parseIgnoreFile(
      '# reviewed findings\nd9fcc295ae7d0cad35f8424b test fixture, never deployed\n\nabcdef0123456789abcdef01\nnot-a-fingerprint because\n',
    );
    expect([...list.entries]).toEqual([
      ['d9fcc295ae7d0cad35f8424b', 'test fixture, never deployed'],
    ]);
    expect(list.problems).toEqual([
      '.shipgate/ignore:4: add a reason after the fingerprint',
      '.shipgate/ignore:5: expected "FINGERPRINT reason"',
    ]);
  });
});
