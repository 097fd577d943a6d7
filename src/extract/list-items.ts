import { isBlank, leadingIndent, stripColumns } from './fence-lines.js';

/**
 * Just enough of CommonMark's list-item containers (spec §5.2) to find fences
 * nested in list items: a fence indented under a `1. ` or `- ` marker belongs
 * to that item, and its content lines lose the item's indentation first.
 * Lazy continuation lines and block quotes are not modelled.
 */
export interface LineContainer {
  /** Columns of container indentation (the innermost list item's content column, or 0). */
  base: number;
  /** The line with the container indentation (and any list marker) removed. */
  content: string;
}

const listMarker = /^([-+*]|\d{1,9}[.)])([ \t]+|$)/;
const thematicBreak = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

export interface ListTracker {
  /** Feeds the next line outside any fence; returns where its content starts. */
  enter(line: string): LineContainer;
}

export function createListTracker(): ListTracker {
  const stack: number[] = [];
  return {
    enter(line) {
      if (isBlank(line)) return { base: stack.at(-1) ?? 0, content: '' };
      const indent = leadingIndent(line).columns;
      while (stack.length > 0 && indent < (stack.at(-1) ?? 0)) stack.pop();
      const base = stack.at(-1) ?? 0;
      const inner = stripColumns(line, base);
      const rel = indent - base;
      if (rel > 3 || thematicBreak.test(inner)) return { base, content: inner };
      const afterIndent = inner.slice(leadingIndent(inner).chars);
      const marker = listMarker.exec(afterIndent);
      if (!marker) return { base, content: inner };
      const markerWidth = (marker[1] ?? '').length;
      const rest = afterIndent.slice(markerWidth);
      const spaces = leadingIndent(rest).columns;
      const restIsBlank = isBlank(rest);
      // Five or more spaces after the marker: content starts after one (indented code follows).
      const gap = restIsBlank || spaces > 4 ? 1 : spaces;
      const contentColumn = base + rel + markerWidth + gap;
      stack.push(contentColumn);
      return { base: contentColumn, content: restIsBlank ? '' : stripColumns(rest, gap) };
    },
  };
}
