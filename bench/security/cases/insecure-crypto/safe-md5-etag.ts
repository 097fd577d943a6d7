/* eslint-disable */
// @ts-nocheck
import { createHash } from 'node:crypto';
export function etag(body: string) {
  return '"' + createHash('md5').update(body).digest('hex') + '"';
}
