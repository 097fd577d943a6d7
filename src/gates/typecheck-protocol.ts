import type { Finding, SourceFile, Trust } from './types.js';

/** Main thread → typecheck worker. */
export interface TypecheckRequest {
  id: number;
  root: string;
  files: SourceFile[];
  suggestions: boolean;
  /** `project`: the project's own TypeScript when installed; else the bundled one. */
  trust?: Trust;
  /** Only build the root's program now (cold start), report nothing. */
  prewarm?: boolean;
}

/** Typecheck worker → main thread. */
export type TypecheckResponse = { id: number; findings: Finding[] } | { id: number; error: string };

/** What the typecheck worker is started with. */
export interface TypecheckWorkerData {
  /** Run at the lowest thread priority (the server's worker), so /v1 traffic comes first. */
  background?: boolean;
}
