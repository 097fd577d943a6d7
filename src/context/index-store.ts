import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { languageIds, symbolKinds, type FileFacts } from './types.js';

/** Bump when FileFacts or the extractors change: older caches are then ignored. */
export const indexFormatVersion = 3;

const symbolSchema = z.object({
  name: z.string(),
  kind: z.enum(symbolKinds),
  signature: z.string(),
  exported: z.boolean(),
  startLine: z.number().int(),
  endLine: z.number().int(),
  container: z.string().optional(),
});

const factsSchema = z.object({
  path: z.string(),
  hash: z.string(),
  language: z.enum([...languageIds, 'text']),
  symbols: z.array(symbolSchema),
  imports: z.array(
    z.object({
      specifier: z.string(),
      names: z.array(z.string()),
      line: z.number().int(),
      text: z.string(),
      reexport: z.boolean(),
    }),
  ),
  calls: z.array(z.object({ name: z.string(), line: z.number().int() })),
  chunks: z.array(
    z.object({
      startLine: z.number().int(),
      endLine: z.number().int(),
      symbol: z.string().optional(),
    }),
  ),
});

const storeSchema = z.object({
  version: z.literal(indexFormatVersion),
  files: z.array(factsSchema),
});

/** Where a project's index cache lives. */
export function defaultCachePath(root: string): string {
  return join(root, '.shipgate', 'cache', 'index.json');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads a cache file; a missing, unreadable, corrupt or older-format cache is an empty one. */
export async function readIndexStore(path: string): Promise<Map<string, FileFacts>> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  const parsed = storeSchema.safeParse(text === undefined ? undefined : parseJson(text));
  const out = new Map<string, FileFacts>();
  if (parsed.success) for (const facts of parsed.data.files) out.set(facts.path, facts);
  return out;
}

/**
 * Writes the cache atomically (temp file + rename). Failing to write (read-only
 * checkout) is not an error: the index still works, it is just rebuilt next time.
 */
export async function writeIndexStore(path: string, files: FileFacts[]): Promise<boolean> {
  const body = JSON.stringify({ version: indexFormatVersion, files });
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, body);
    await rename(temp, path);
    return true;
  } catch {
    return false;
  }
}
