/** What callers append, and what `list` returns. */
import { hash } from 'node:crypto';
import { toJsonValue, type JsonValue } from './canonical-json.js';

export interface AuditAppend {
  /** Key name (or 'anonymous', 'cli', …). */
  actor: string;
  /** What happened, e.g. 'inference', 'generate', 'keys.create'. */
  action: string;
  route?: string;
  model?: string;
  templateVersion?: string;
  promptHash?: string;
  inputTokens?: number;
  outputTokens?: number;
  decisions?: Record<string, unknown>;
  /** The prompt body: stored (redacted) only when the log was created with includePrompts. */
  prompt?: string;
}

export interface AuditEntry {
  seq: number;
  /** Epoch milliseconds. */
  at: number;
  actor: string;
  action: string;
  route: string | null;
  model: string | null;
  detail: Record<string, JsonValue>;
  hash: string;
}

export interface AuditQuery {
  /** Epoch ms, inclusive. */
  since?: number;
  actor?: string;
  action?: string;
  /** Default 100, at most 1000. */
  limit?: number;
}

/** The detail object of an entry, minus the prompt body (handled by the writer). */
export function detailOf(entry: AuditAppend): Record<string, JsonValue> {
  const promptHash =
    entry.promptHash ??
    (entry.prompt === undefined ? undefined : hash('sha256', entry.prompt, 'hex')); // one-shot: one per inference call
  // keys in canonical order, so toJsonValue need not sort them
  const detail = toJsonValue({
    decisions: entry.decisions,
    inputTokens: entry.inputTokens,
    outputTokens: entry.outputTokens,
    promptHash,
    templateVersion: entry.templateVersion,
  });
  return detail !== null && typeof detail === 'object' && !Array.isArray(detail) ? detail : {};
}
