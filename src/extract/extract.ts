import {
  isBlank,
  isClosingFence,
  leadingIndent,
  parseOpeningFence,
  stripColumns,
  type OpeningFence,
} from './fence-lines.js';
import { normalizeLanguage } from './language.js';
import { createListTracker } from './list-items.js';
import {
  looksLikePath,
  pathFromFirstLine,
  pathFromInfo,
  pathFromPreviousLine,
} from './path-hints.js';

/** One fenced code block: the `extract` JSON contract plus an optional file path. */
export interface ExtractedBlock {
  /** Normalised language (`ts` → `typescript`), or null when the info string is empty. */
  language: string | null;
  /** Content lines exactly as CommonMark defines them (each ends with "\n"; CRLF becomes LF). */
  code: string;
  /** False when the reply ended (or the enclosing list item ended) before a closing fence. */
  closed: boolean;
  /** 1-based line of the opening fence. */
  startLine: number;
  /** File the block belongs to, when the reply says (info string, first-line comment, previous line). */
  path?: string;
}

interface BlockScan {
  code: string;
  closed: boolean;
  /** Index of the first line after the block. */
  next: number;
}

/** Reads content lines after an opening fence at `start` until the closing fence or the container ends. */
function scanBlock(lines: string[], start: number, open: OpeningFence, base: number): BlockScan {
  const parts: string[] = [];
  for (let j = start + 1; j < lines.length; j++) {
    const line = lines[j] ?? '';
    if (base > 0 && !isBlank(line) && leadingIndent(line).columns < base) {
      return { code: parts.join(''), closed: false, next: j };
    }
    const inner = stripColumns(line, base);
    if (isClosingFence(inner, open)) return { code: parts.join(''), closed: true, next: j + 1 };
    const terminator = j < lines.length - 1 ? '\n' : '';
    parts.push(stripColumns(inner, open.indent) + terminator);
  }
  return { code: parts.join(''), closed: false, next: lines.length };
}

function languageFromPath(path: string | undefined): string | null {
  const ext = path?.match(/\.([A-Za-z0-9+]+)$/)?.[1];
  return ext ? normalizeLanguage(ext) : null;
}

function describeBlock(open: OpeningFence, scan: BlockScan, previous: string | undefined) {
  const info = pathFromInfo(open.info);
  const firstLine = scan.code.split('\n', 1)[0] ?? '';
  let language = normalizeLanguage(info.language);
  let path = info.path;
  // A bare path as the info string (```src/app.ts) names the file, not a language.
  if (!path && info.language.includes('/') && looksLikePath(info.language)) {
    path = info.language;
    language = languageFromPath(path);
  }
  path ??= pathFromFirstLine(firstLine) ?? pathFromPreviousLine(previous);
  return { language, path };
}

/**
 * Finds the fenced code blocks of a Markdown text (an LLM reply) following the
 * CommonMark rules for fences: ``` or ~~~ (3+), closed by the same character at
 * least as long, up to 3 spaces of indentation (stripped from content lines),
 * fences inside list items, unclosed fences running to the end. Inline code is
 * never a block. Pure and synchronous.
 */
export function extractCodeBlocks(text: string): ExtractedBlock[] {
  const lines = text.split(/\r\n|\r|\n/);
  const lists = createListTracker();
  const blocks: ExtractedBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const container = lists.enter(lines[i] ?? '');
    const open = parseOpeningFence(container.content);
    if (!open) {
      i += 1;
      continue;
    }
    const scan = scanBlock(lines, i, open, container.base);
    const { language, path } = describeBlock(open, scan, i > 0 ? lines[i - 1] : undefined);
    const block: ExtractedBlock = {
      language,
      code: scan.code,
      closed: scan.closed,
      startLine: i + 1,
    };
    if (path) block.path = path;
    blocks.push(block);
    i = scan.next;
  }
  return blocks;
}
