import { z } from 'zod';

const message = z.discriminatedUnion('type', [
  z.object({ nonce: z.string(), type: z.literal('start') }),
  z.object({ nonce: z.string(), type: z.literal('assert') }),
  z.object({
    nonce: z.string(),
    type: z.literal('exit'),
    failedAssertions: z.number().int().nonnegative(),
    error: z.string().nullable(),
  }),
]);

/** What the preload told us on fd 3 (only messages carrying the run's nonce count). */
export interface PreloadReport {
  started: boolean;
  /** At least one `console.assert` failed (sent as soon as it happens). */
  assertFailed: boolean;
  exit?: { failedAssertions: number; error: string | null };
}

const maxLineBytes = 8192;

/**
 * Reads the preload's fd-3 messages. Lines are parsed as they arrive and anything not
 * starting with the run's nonce is ignored, so garbage the program writes to fd 3 can
 * neither forge a report nor push the real one out of a buffer.
 */
export class ReportChannel {
  readonly report: PreloadReport = { started: false, assertFailed: false };
  private pending = '';
  private readonly prefix: string;

  constructor(private readonly nonce: string) {
    this.prefix = `{"type":`;
  }

  push(chunk: Buffer): void {
    this.pending += chunk.toString('utf8');
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      this.handle(this.pending.slice(0, newline));
      this.pending = this.pending.slice(newline + 1);
      newline = this.pending.indexOf('\n');
    }
    if (this.pending.length > maxLineBytes) this.pending = '';
  }

  private handle(line: string): void {
    if (!line.startsWith(this.prefix) || !line.includes(`"nonce":"${this.nonce}"`)) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return;
    }
    const result = message.safeParse(parsed);
    if (!result.success || result.data.nonce !== this.nonce) return;
    const data = result.data;
    if (data.type === 'start') this.report.started = true;
    else if (data.type === 'assert') this.report.assertFailed = true;
    else this.report.exit = { failedAssertions: data.failedAssertions, error: data.error };
  }
}
