/**
 * The `<script>` blocks of a Vue (or Svelte) single-file component as a JS/TS source of the same line
 * count (everything else blanked), so the taint rules see the component's code at its own lines;
 * the `<template>` part is templates.ts's.
 */
export interface VueScript {
  /** A file name with the script's language, for the parser (`App.vue.ts`). */
  path: string;
  content: string;
}

const scriptBlock = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

export function vueScript(path: string, content: string): VueScript | undefined {
  let out = '';
  let last = 0;
  let ts = false;
  const blank = (s: string): string => s.replace(/[^\n]/g, '');
  for (const m of content.matchAll(scriptBlock)) {
    const attrs = m[1] ?? '';
    const body = m[2] ?? '';
    const bodyStart = (m.index ?? 0) + m[0].length - body.length - '</script>'.length;
    if (/\blang\s*=\s*["']?(ts|tsx)\b/.test(attrs)) ts = true;
    out += blank(content.slice(last, bodyStart)) + body;
    last = bodyStart + body.length;
  }
  if (last === 0) return undefined;
  out += blank(content.slice(last));
  return { path: `${path}.${ts ? 'ts' : 'js'}`, content: out };
}
