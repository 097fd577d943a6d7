/**
 * The post-processing pipeline, top to bottom; each step is a small pure function
 * (src/complete/post/*). An empty or whitespace-only result means "no item".
 */
import { balanceBrackets } from './bracket-balance.js';
import { stopAtDedent } from './dedent-stop.js';
import { firstLineOnly, wantsMultiline } from './line-mode.js';
import { cutRepetition } from './repetition.js';
import { cutAtStop } from './stop-tokens.js';
import { dropSuffixOverlap } from './suffix-overlap.js';

export interface PostProcessInput {
  /** The model's raw output. */
  text: string;
  prefix: string;
  suffix: string;
  stop: readonly string[];
  /** Forces single- (false) or multi-line (true); by default decided from the cursor position. */
  multiline?: boolean;
  /** `#` starts a comment (Python, shell, YAML, …). */
  hashComments?: boolean;
}

export function postProcess(input: PostProcessInput): string {
  const { prefix, suffix } = input;
  const multiline = input.multiline ?? wantsMultiline(prefix, suffix);
  let text = cutAtStop(input.text, input.stop);
  if (!multiline) text = firstLineOnly(text);
  text = cutRepetition(text);
  if (multiline) text = stopAtDedent(text, prefix, suffix);
  text = dropSuffixOverlap(text, suffix);
  text = balanceBrackets(text, prefix, suffix, input.hashComments);
  if (suffix.trim() === '' || /^[ \t]*\n/.test(suffix)) text = text.trimEnd();
  return text.trim() === '' ? '' : text;
}
