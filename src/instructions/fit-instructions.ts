import type { TokenCounter } from '../context/pack-context.js';
import { separatorTokens } from '../context/pack-context.js';
import type { ContextItem } from '../context/types.js';
import type { InstructionFile } from './load-instructions.js';
import { splitSections } from './markdown-sections.js';

function title(path: string): string {
  return `Project instructions from \`${path}\`:`;
}

function cutList(cut: { heading: string | undefined; tokens: number }[]): string {
  const names = cut.map((c) => (c.heading ? `"${c.heading}"` : 'the preamble'));
  const tokens = cut.reduce((sum, c) => sum + c.tokens, 0);
  return `truncated: cut ${cut.length} section(s) ${names.join(', ')} (${tokens} tokens) to fit the budget`;
}

/**
 * Fits instruction files into `budget` tokens, in file order. A file that does
 * not fit whole keeps the sections that fit, in document order, and its
 * `reason` names the sections that were cut; never half a section.
 */
export function fitInstructions(
  files: InstructionFile[],
  budget: number,
  counter: TokenCounter,
): ContextItem[] {
  let left = Math.max(0, budget);
  return files.map((file): ContextItem => {
    const reason = `project instructions (${file.path})`;
    const whole = `${title(file.path)}\n\n${file.text.trim()}`;
    const wholeTokens = counter.count(whole);
    const base = { kind: 'instructions' as const, source: file.path };
    if (wholeTokens + separatorTokens <= left) {
      left -= wholeTokens + separatorTokens;
      return { ...base, reason, content: whole, tokens: wholeTokens, included: true };
    }
    let used = counter.count(title(file.path)) + separatorTokens + 1;
    const kept: string[] = [];
    const cut: { heading: string | undefined; tokens: number }[] = [];
    for (const section of splitSections(file.text)) {
      const tokens = counter.count(section.text.trim()) + 1;
      if (used + tokens <= left) {
        kept.push(section.text.trim());
        used += tokens;
      } else {
        cut.push({ heading: section.heading, tokens });
      }
    }
    if (kept.length === 0) {
      const why = `${reason} — excluded: needs ${wholeTokens} tokens, ${left} left for instructions`;
      return { ...base, reason: why, content: whole, tokens: wholeTokens, included: false };
    }
    const content = `${title(file.path)}\n\n${kept.join('\n\n')}`;
    const tokens = counter.count(content);
    left -= tokens + separatorTokens;
    return { ...base, reason: `${reason}; ${cutList(cut)}`, content, tokens, included: true };
  });
}
