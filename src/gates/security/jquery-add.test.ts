import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/** jQuery `.add(html)` builds elements from markup, like `$(html)`; it mostly takes selectors. */
describe('jQuery .add()', () => {
  it('reports markup from the URL, not elements or a caller’s selector', () => {
    const code = lines(
      'const p = new URLSearchParams(location.search);',
      "$('#list').add(p.get('item')).appendTo('#out');",
      "$('#list').add(document.getElementById('extra'));",
      "export function widen(selector) { return $('#list').add(selector); }",
    );
    expect(ruleFindings('xss', code)).toEqual(['1:high']);
  });
});
