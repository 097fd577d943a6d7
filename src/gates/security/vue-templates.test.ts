import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/** Vue templates compiled in the browser from input (vue-templates.ts). */

const hash = 'decodeURIComponent(location.hash.slice(1))';

describe('xss: a Vue template from input', () => {
  it("a component's template option from the URL or a message", () => {
    const code = lines(
      `new Vue({ el: '#app', template: ${hash} });`,
      "const app = createApp({ template: new URLSearchParams(location.search).get('t') });",
      "window.addEventListener('message', (e) => Vue.component('w', { template: e.data }));",
    );
    expect(ruleFindings('xss', code, 'page.js')).toEqual(['1:high', '2:high', '3:high']);
  });

  it('Vue.compile() of text from the URL', () => {
    expect(ruleFindings('xss', `const render = Vue.compile(${hash});`, 'page.js')).toEqual([
      '1:high',
    ]);
  });

  it('a constant template with input as data, and templates of unknown origin, stay quiet', () => {
    const code = lines(
      `new Vue({ el: '#app', template: '<p>{{ msg }}</p>', data: { msg: ${hash} } });`,
      'function mount(tpl) { return createApp({ template: tpl }); }',
      'const render = Vue.compile(document.getElementById("tpl").innerHTML);',
      `const view = renderer.compile(${hash});`,
    );
    expect(ruleFindings('xss', code, 'page.js')).toEqual([]);
  });
});
