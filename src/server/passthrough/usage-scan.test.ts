import { describe, expect, it } from 'vitest';
import type { Usage } from '../../gateway/types.js';
import { SseUsageScanner } from './usage-scan.js';

const usageLine =
  'data: {"choices":[],"usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18}}\n\n';

function feed(scanner: SseUsageScanner, text: string, chunkBytes: number): void {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += chunkBytes)
    scanner.push(bytes.subarray(i, i + chunkBytes));
}

describe('SseUsageScanner', () => {
  it('reads events split anywhere, even inside a multi-byte character', () => {
    const seen: Usage[] = [];
    const scanner = new SseUsageScanner('openai-chat', (usage) => seen.push(usage));
    const stream =
      'data: {"choices":[{"delta":{"content":"héllo → ✓"}}]}\n\n' + usageLine + 'data: [DONE]\n\n';
    feed(scanner, stream, 1);
    expect(scanner.scanned.text).toBe('héllo → ✓');
    expect(seen).toHaveLength(1);
    expect(scanner.scanned.usage).toMatchObject({ inputTokens: 11, outputTokens: 7 });
    expect(scanner.scanned.complete).toBe(true);
  });

  it('stays linear on one long event in small chunks (re-reading the line was 12.9 s for 4 MB)', () => {
    const scanner = new SseUsageScanner('openai-chat', () => undefined);
    const big = `data: {"choices":[{"delta":{"content":"${'a'.repeat(4_000_000)}"}}]}\n\n`;
    const started = performance.now();
    feed(scanner, big + usageLine, 1024);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(scanner.scanned.text).toHaveLength(4_000_000);
    expect(scanner.scanned.usage).toMatchObject({ inputTokens: 11 });
  });
});
