import { describe, expect, it } from 'vitest';
import { createSecurityGate } from '../security.js';
import { vueScript } from './vue-script.js';

const sfc = (script: string, lang = ''): string =>
  `<template>\n  <div ref="out"></div>\n</template>\n<script${lang}>\n${script}\n</script>\n<style>.a { color: red; }</style>\n`;

async function findings(content: string): Promise<string[]> {
  const gate = createSecurityGate({ pythonTools: { searchPath: '' } });
  const ctx = { root: '/', files: [{ path: 'Page.vue', content }], options: {} };
  const r = await gate.run(ctx, new AbortController().signal);
  return r.findings.map((f) => `${f.rule}:${f.severity}:${f.line}`);
}

describe('the script of a Vue single-file component', () => {
  it('keeps its lines and language', () => {
    const src = sfc('const a = 1;', ' setup lang="ts"');
    const v = vueScript('Page.vue', src);
    expect(v?.path).toBe('Page.vue.ts');
    expect(v?.content.split('\n')[4]).toBe('const a = 1;');
    expect(v?.content.split('\n')).toHaveLength(src.split('\n').length);
    expect(vueScript('Page.vue', '<template><p>x</p></template>')).toBeUndefined();
  });

  it("reports this.$route's query rendered as HTML, not its text", async () => {
    const unsafe = sfc(
      'export default { mounted() { this.$refs.out.innerHTML = this.$route.query.q; } };',
    );
    const safe = sfc(
      'export default { mounted() { this.$refs.out.textContent = this.$route.query.q; } };',
    );
    expect(await findings(unsafe)).toEqual(['xss:high:5']);
    expect(await findings(safe)).toEqual([]);
  });

  it('follows useRoute() of a <script setup lang="ts"> into a request', async () => {
    const unsafe = sfc(
      "import { useRoute } from 'vue-router';\nconst route = useRoute();\nfetch(String(route.query.callback));",
      ' setup lang="ts"',
    );
    expect(await findings(unsafe)).toEqual(['ssrf:high:6']);
  });
});
