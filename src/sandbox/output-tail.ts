/**
 * Keeps only the last `maxBytes` of a stream, so a program printing forever cannot
 * exhaust the parent's memory. `totalBytes` still counts everything seen.
 */
export class OutputTail {
  private chunks: Buffer[] = [];
  private kept = 0;
  totalBytes = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): void {
    this.totalBytes += chunk.length;
    this.chunks.push(chunk);
    this.kept += chunk.length;
    while (this.kept - (this.chunks[0]?.length ?? 0) >= this.maxBytes && this.chunks.length > 1) {
      this.kept -= this.chunks.shift()?.length ?? 0;
    }
  }

  text(): string {
    const all = Buffer.concat(this.chunks);
    const tail = all.length > this.maxBytes ? all.subarray(all.length - this.maxBytes) : all;
    const prefix =
      this.totalBytes > tail.length
        ? `[… ${this.totalBytes - tail.length} earlier bytes dropped]\n`
        : '';
    return prefix + tail.toString('utf8');
  }
}
