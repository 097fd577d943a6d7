import { describe, expect, it } from 'vitest';
import { ruleFindings, lines } from './test-support/rule-findings.js';

/**
 * Code handed to a headless browser or an in-process sandbox: input is reported; a value of
 * unknown origin only when the enclosing function's caller supplies it, not when it is a call
 * result or a module-level value of the program.
 */
describe('automation sinks: code of unknown origin', () => {
  it('page.evaluate() of a caller-supplied script is reported, of a built-in script not', () => {
    const unsafe = lines(
      "const puppeteer = require('puppeteer');",
      'async function inject(page, script) {',
      '  await page.evaluate(`(() => { ${script} })()`);',
      '}',
    );
    expect(ruleFindings('code-injection', unsafe)).toEqual(['3:medium']);
    const safe = lines(
      "const puppeteer = require('puppeteer');",
      'const bundle = bundleProbe();',
      'async function inject(page) {',
      '  await page.evaluate(loadProbe());',
      '  await page.addScriptTag({ content: bundle });',
      '}',
    );
    expect(ruleFindings('code-injection', safe)).toEqual([]);
  });

  it('a bare caller value is reported only when it is evidently text, not a page function', () => {
    const page = (sig: string): string =>
      lines(
        "import puppeteer from 'puppeteer';",
        `export async function inject(page: puppeteer.Page, ${sig}) {`,
        '  return page.evaluate(script);',
        '}',
      );
    expect(ruleFindings('code-injection', page('script: string'), 'a.ts')).toEqual(['3:medium']);
    expect(ruleFindings('code-injection', page('script: () => number'), 'a.ts')).toEqual([]);
    expect(ruleFindings('code-injection', page('script'), 'a.ts')).toEqual([]);
  });

  it('sandbox run() of a caller-supplied script is reported, of a generated one not', () => {
    const unsafe = lines(
      "const Sandbox = require('sandbox');",
      'function runUserCode(source, done) {',
      '  const box = new Sandbox();',
      "  box.run('main(' + source + ')', done);",
      '}',
    );
    expect(ruleFindings('code-injection', unsafe)).toEqual(['4:medium']);
    const safe = lines(
      "const { VM } = require('vm2');",
      'function selfTest() {',
      '  return new VM().run(buildSelfTest());',
      '}',
    );
    expect(ruleFindings('code-injection', safe)).toEqual([]);
  });

  it('request input is reported whatever the shape', () => {
    const code = lines(
      "const { VM } = require('vm2');",
      "require('express')().post('/run', (req, res) => {",
      '  res.json(new VM().run(req.body.code));',
      '});',
    );
    expect(ruleFindings('code-injection', code)).toEqual(['3:high']);
  });
});

describe('automation sinks: navigation to a fixed site', () => {
  it('does not report a URL whose host is fixed, only one whose host comes from input', () => {
    const code = lines(
      "const puppeteer = require('puppeteer');",
      "app.get('/shot', async (req, res) => {",
      '  const page = await (await puppeteer.launch()).newPage();',
      "  await page.goto('https://app.example.com/reports/' + encodeURIComponent(req.query.id));",
      '  await page.goto(`https://${req.query.host}/reports`);',
      '  await page.setContent(`<h1>${req.query.title}</h1>`);',
      '});',
    );
    expect(ruleFindings('ssrf', code)).toEqual(['5:high', '6:high']);
  });
});

describe('automation sinks: other URLs a headless browser fetches', () => {
  it('reports a style tag URL, PhantomJS includeJs and a browser connection from input', () => {
    const code = lines(
      "const puppeteer = require('puppeteer');",
      "const { chromium } = require('playwright');",
      "const phantom = require('phantom');",
      "app.get('/p', async (req, res) => {",
      '  const page = await (await puppeteer.launch()).newPage();',
      '  await page.addStyleTag({ url: req.query.css });',
      "  await page.addStyleTag({ content: 'body { margin: 0 }' });",
      '  const ph = await (await phantom.create()).createPage();',
      '  await ph.includeJs(req.query.lib);',
      '  await puppeteer.connect({ browserWSEndpoint: req.query.ws });',
      '  await chromium.connectOverCDP(req.query.cdp);',
      '  await puppeteer.connect({ browserWSEndpoint: process.env.BROWSER_WS });',
      '});',
    );
    expect(ruleFindings('ssrf', code)).toEqual(['6:high', '9:high', '10:high', '11:high']);
  });
});
