/**
 * Where a fenced block says which file it belongs to. Models use three styles:
 * an info-string attribute (```ts title="src/app.ts"```, `filename=x`, or
 * `ts:src/app.ts`), a first-line comment (`// file: src/app.ts`, `# src/app.py`,
 * `<!-- file: index.html -->`), or a path alone on the line before the fence
 * (aider's `src/app.ts`, `**src/app.ts**`, `` `src/app.ts` ``, `### File: x.ts`).
 */

/** A relative or absolute file path with an extension or a directory part, no spaces. */
const pathShape =
  /^(?:[\w.@~-]+\/)*[\w@~-][\w.@~-]*\.[A-Za-z0-9]{1,10}$|^(?:[\w.@~-]+\/)+[\w.@~-]+$/;

export function looksLikePath(candidate: string): boolean {
  const value = candidate.replace(/^\.\//, '').replace(/^\//, '');
  if (value.length === 0 || value.length > 200 || /^\d+(\.\d+)*$/.test(value)) return false;
  if (/^https?:/i.test(candidate) || /\.{2,}$/.test(value)) return false;
  return pathShape.test(value) && /[A-Za-z]/.test(value);
}

const infoAttribute =
  /(?:^|\s)(?:title|filename|file|path|name)=(?:"([^"]+)"|'([^']+)'|([^\s"'}]+))/i;

/** Path named in the info string, and the language word with any `:path` suffix removed. */
export function pathFromInfo(info: string): { language: string; path?: string } {
  const firstWord = info.split(/\s+/)[0] ?? '';
  const attribute = infoAttribute.exec(info);
  const fromAttribute = attribute ? (attribute[1] ?? attribute[2] ?? attribute[3]) : undefined;
  const colon = firstWord.indexOf(':');
  if (colon > 0) {
    const suffix = firstWord.slice(colon + 1);
    const language = firstWord.slice(0, colon);
    if (looksLikePath(suffix)) return { language, path: fromAttribute ?? suffix };
  }
  if (fromAttribute) return { language: firstWord, path: fromAttribute };
  return { language: firstWord };
}

const commentPath =
  /^\s*(?:\/\/|#|--|;|\/\*|<!--|%)\s*(?:(?:file(?:name)?|path)\s*:\s*)?(\S+?)\s*(?:\*\/|-->)?\s*$/i;

/** Path from a first-line comment such as `// file: src/app.ts` or `# app/main.py`. */
export function pathFromFirstLine(firstLine: string): string | undefined {
  if (firstLine.startsWith('#!')) return undefined;
  const match = commentPath.exec(firstLine);
  const candidate = match?.[1];
  return candidate && looksLikePath(candidate) ? candidate : undefined;
}

/** Path from the line just before the fence, when that line is only a path. */
export function pathFromPreviousLine(line: string | undefined): string | undefined {
  if (line === undefined) return undefined;
  let value = line.trim();
  value = value.replace(/^#{1,6}\s+/, '').replace(/^[-*+]\s+/, '');
  value = value.replace(/:$/, '');
  value = value.replace(/^(?:\*\*|__|\*|_|`)+|(?:\*\*|__|\*|_|`)+$/g, '');
  value = value.replace(/:$/, '').trim();
  value = value.replace(/^(?:file(?:name)?|path)\s*:\s*/i, '');
  value = value.replace(/^(?:\*\*|__|\*|_|`)+|(?:\*\*|__|\*|_|`)+$/g, '');
  return looksLikePath(value) ? value : undefined;
}
