import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/** Extension APIs that run script text in a page (extension-scripts.ts). */

const onMessage = (...body: string[]): string =>
  lines('chrome.runtime.onMessage.addListener((msg, sender) => {', ...body, '});');

describe('code injection: browser-extension script APIs', () => {
  it('tabs.executeScript({ code }) built from a message', () => {
    const code = onMessage(
      "  chrome.tabs.executeScript(sender.tab.id, { code: 'mark(' + JSON.stringify(msg) + ')' });",
    );
    expect(ruleFindings('code-injection', code)).toEqual(['2:high']);
    const firefox = "browser.tabs.executeScript({ code: 'go(\"' + location.hash + '\")' });";
    expect(ruleFindings('code-injection', firefox)).toEqual(['1:high']);
  });

  it('devtools inspectedWindow.eval() of a message', () => {
    const code = onMessage('  chrome.devtools.inspectedWindow.eval(msg.expression);');
    expect(ruleFindings('code-injection', code)).toEqual(['2:high']);
  });

  it('a packaged file, constant code, or another object’s executeScript stays quiet', () => {
    const code = onMessage(
      "  chrome.tabs.executeScript(sender.tab.id, { file: 'content.js' });",
      '  chrome.tabs.executeScript({ code: \'document.body.classList.add("dark")\' });',
      '  runner.tabs.executeScript({ code: msg.code });',
    );
    expect(ruleFindings('code-injection', code)).toEqual([]);
  });
});
