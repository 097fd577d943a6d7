import type { GatewayResult } from '../../gateway/call-result.js';
import type { FinishReason, Usage } from '../../gateway/types.js';
import type { ErrorBody } from '../http/error-handler.js';

/** Renders gateway results in one client wire format (JSON body, or SSE frames). */
export interface WireRenderer {
  json(result: GatewayResult): unknown;
  streamStart(): string;
  streamText(text: string): string;
  streamEnd(finish: FinishReason, usage: Usage | null): string;
  streamError(body: ErrorBody): string;
}

export function sseData(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}

export function sseEvent(event: string, value: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(value)}\n\n`;
}
