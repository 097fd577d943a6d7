import type { Finding, SourceFile } from './types.js';

/** Main thread → typecheck worker. */
export interface TypecheckRequest {
  id: number;
  root: string;
  files: SourceFile[];
  suggestions: boolean;
  /** Only build the root's program now (cold start), report nothing. */
  prewarm?: boolean;
}

/** Typecheck worker → main thread. */
export type TypecheckResponse = { id: number; findings: Finding[] } | { id: number; error: string };
