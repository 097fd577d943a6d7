import type { ReviewResult } from '../types.js';
import { renderReviewMarkdown } from './markdown.js';
import { toReviewSarif } from './sarif.js';

export const reviewFormats = ['markdown', 'json', 'sarif'] as const;
export type ReviewFormat = (typeof reviewFormats)[number];

export interface ReviewRenderOptions {
  root: string;
  toolVersion: string;
}

/** The review in one of the `--format` choices; json is the contract's document. */
export function renderReview(
  format: ReviewFormat,
  result: ReviewResult,
  options: ReviewRenderOptions,
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(result, null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toReviewSarif(result, options), null, 2)}\n`;
    case 'markdown':
      return renderReviewMarkdown(result);
  }
}
