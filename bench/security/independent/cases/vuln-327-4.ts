/* eslint-disable */
// @ts-nocheck
// VULN CWE-327: AES in ECB mode leaks plaintext patterns for stored card tokens.
import { createCipheriv, createDecipheriv } from 'node:crypto';

const KEY = Buffer.from(process.env.CARD_KEY_HEX ?? '', 'hex');

export function encryptCardNumber(pan: string): string {
  const cipher = createCipheriv('aes-128-ecb', KEY, null);
  return Buffer.concat([cipher.update(pan, 'utf8'), cipher.final()]).toString('base64');
}

export function decryptCardNumber(token: string): string {
  const decipher = createDecipheriv('aes-128-ecb', KEY, null);
  return Buffer.concat([decipher.update(Buffer.from(token, 'base64')), decipher.final()]).toString(
    'utf8',
  );
}
