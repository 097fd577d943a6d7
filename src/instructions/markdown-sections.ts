/** A Markdown section: a heading and what follows up to the next heading (or the preamble). */
export interface MarkdownSection {
  /** The heading text without `#`s; undefined for text before the first heading. */
  heading: string | undefined;
  text: string;
}

const headingLine = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const fenceLine = /^ {0,3}(`{3,}|~{3,})/;

/** Splits Markdown at every ATX heading (`#` … `######`) outside fenced code. */
export function splitSections(markdown: string): MarkdownSection[] {
  const sections: MarkdownSection[] = [];
  let current: { heading: string | undefined; lines: string[] } = { heading: undefined, lines: [] };
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const fenceMatch = fenceLine.exec(line);
    if (fenceMatch?.[1]) {
      const marker = fenceMatch[1];
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
    }
    const heading = fence === undefined ? headingLine.exec(line) : null;
    if (heading && (current.lines.length > 0 || current.heading !== undefined)) {
      sections.push({ heading: current.heading, text: current.lines.join('\n') });
      current = { heading: heading[2], lines: [] };
    } else if (heading) {
      current.heading = heading[2];
    }
    current.lines.push(line);
  }
  sections.push({ heading: current.heading, text: current.lines.join('\n') });
  return sections.filter((s) => s.text.trim() !== '');
}
