/** The undici pool both floors proxy with: the settings shipgate's own upstream pools use. */
import { Pool } from 'undici';

export function floorPool(upstreamPort: number): Pool {
  return new Pool(`http://127.0.0.1:${upstreamPort}`, {
    connections: 128,
    keepAliveTimeout: 30_000,
    headersTimeout: 0,
    bodyTimeout: 0,
  });
}
