/** One benchmark commit: a file's base and head versions; vulnerable head lines marked `/*VULN*\/`. */
export interface ReviewCase {
  name: string;
  /** The advisory whose fix this reverses (vulnerability cases). */
  advisory?: string;
  file: string;
  base: string;
  head: string;
}

const marker = /\s*\/\*VULN\*\/\s*$/;

/** Head text without markers, and the 1-based lines that carried one. */
export function stripMarkers(head: string): { text: string; lines: number[] } {
  const lines: number[] = [];
  const text = head
    .split('\n')
    .map((line, i) => {
      if (!marker.test(line)) return line;
      lines.push(i + 1);
      return line.replace(marker, '');
    })
    .join('\n');
  return { text, lines };
}
