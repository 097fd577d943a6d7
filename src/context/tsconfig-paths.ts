import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { z } from 'zod';

/** The part of a tsconfig that import resolution needs, with paths relative to the project root. */
export interface PathMapping {
  /** Directory `paths` targets are relative to, relative to the root ('' = root). */
  baseUrl: string;
  paths: Record<string, string[]>;
  /** True when `baseUrl` was set: bare specifiers may then resolve under it. */
  hasBaseUrl: boolean;
}

const tsconfigSchema = z.object({
  extends: z.string().optional(),
  compilerOptions: z
    .object({
      baseUrl: z.string().optional(),
      paths: z.record(z.string(), z.array(z.string())).optional(),
    })
    .optional(),
});

/** Removes comments and trailing commas (JSONC, as tsconfig allows), leaving strings alone. */
export function stripJsonComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      const end = /"(?:[^"\\]|\\.)*"/y;
      end.lastIndex = i;
      const match = end.exec(text);
      const literal = match?.[0] ?? text.slice(i);
      out += literal;
      i += literal.length - 1;
    } else if (char === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (char === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? text.length : close + 1;
    } else {
      out += char;
    }
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

async function readTsconfig(path: string): Promise<z.infer<typeof tsconfigSchema> | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = tsconfigSchema.safeParse(JSON.parse(stripJsonComments(text)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads `baseUrl` and `paths` from `<root>/tsconfig.json`, following relative
 * `extends` (up to 5 levels; the extending file wins). Package `extends` and
 * project references are not followed: this is the minimal resolution that
 * finds `@/x` style aliases.
 */
export async function loadPathMapping(root: string): Promise<PathMapping | undefined> {
  let file: string | undefined = join(root, 'tsconfig.json');
  let baseUrl: string | undefined;
  let paths: Record<string, string[]> | undefined;
  let pathsDir = root;
  for (let depth = 0; file && depth < 5; depth++) {
    const config = await readTsconfig(file);
    if (!config) break;
    const options = config.compilerOptions ?? {};
    if (baseUrl === undefined && options.baseUrl !== undefined)
      baseUrl = resolve(dirname(file), options.baseUrl);
    if (paths === undefined && options.paths) {
      paths = options.paths;
      pathsDir = dirname(file);
    }
    file = config.extends?.startsWith('.') ? resolve(dirname(file), config.extends) : undefined;
    if (file && !file.endsWith('.json')) file = `${file}.json`;
  }
  if (baseUrl === undefined && paths === undefined) return undefined;
  const base = baseUrl ?? pathsDir;
  return {
    baseUrl: relative(root, base).split('\\').join('/'),
    paths: paths ?? {},
    hasBaseUrl: baseUrl !== undefined,
  };
}
