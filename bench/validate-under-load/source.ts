/**
 * A realistic TypeScript file of about `lines` lines for the load benchmark: interfaces,
 * classes, async functions, string handling, a few lint findings. `seed` varies names
 * and constants so no two requests are identical.
 */
export function bigTypeScriptFile(lines: number, seed: number): string {
  const out: string[] = [`// generated for bench:validate-load (seed ${seed})`];
  for (let i = 0; out.length < lines; i += 1) {
    const n = `${seed}_${i}`;
    out.push(
      `export interface Record${n} {`,
      `  id: string;`,
      `  count: number;`,
      `  tags: readonly string[];`,
      `}`,
      ``,
      `export class Store${n} {`,
      `  private readonly items = new Map<string, Record${n}>();`,
      ``,
      `  add(item: Record${n}): void {`,
      `    if (this.items.has(item.id)) throw new Error(\`duplicate \${item.id}\`);`,
      `    this.items.set(item.id, item);`,
      `  }`,
      ``,
      `  total(filter?: (r: Record${n}) => boolean): number {`,
      `    let sum = 0;`,
      `    for (const item of this.items.values()) if (!filter || filter(item)) sum += item.count;`,
      `    return sum;`,
      `  }`,
      `}`,
      ``,
      `export async function load${n}(text: string): Promise<Record${n}[]> {`,
      `  const rows = text.split('\\n').filter((line) => line.trim() !== '');`,
      `  let parsed = rows.map((line, index) => ({ id: \`r\${index}\`, count: line.length % ${(i % 7) + 3}, tags: [line.slice(0, 3)] }));`,
      `  return parsed;`,
      `}`,
      ``,
    );
  }
  return `${out.slice(0, lines).join('\n')}\n`;
}
