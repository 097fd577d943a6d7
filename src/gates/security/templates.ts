import type { RawFinding } from './types.js';

/**
 * XSS in server-side and component templates, where the engine's escaping is switched off or
 * does not apply: unescaped output (`<%- x %>`, `!{x}`, `!=`, `{{{x}}}`, `{{& x}}`, `v-html`,
 * Svelte's `{@html x}`, Nunjucks' `| safe`), pug's `&attributes`, values in `<script>` bodies (HTML escaping does not make JavaScript safe)
 * and in `href`/`src` attributes (a `javascript:` URL runs script).
 */

type Dialect = 'ejs' | 'pug' | 'mustache' | 'vue' | 'svelte' | 'nunjucks';

const dialects: Record<string, Dialect> = {
  '.ejs': 'ejs',
  '.pug': 'pug',
  '.jade': 'pug',
  '.mustache': 'mustache',
  '.hbs': 'mustache',
  '.handlebars': 'mustache',
  '.vue': 'vue',
  '.svelte': 'svelte',
  // Nunjucks (autoescaping by default): `{{ x | safe }}` prints raw
  '.njk': 'nunjucks',
  '.nunjucks': 'nunjucks',
};

export function templateDialect(path: string): Dialect | undefined {
  const m = /\.[^./\\]+$/.exec(path);
  const ext = m ? m[0].toLowerCase() : '';
  return Object.hasOwn(dialects, ext) ? dialects[ext] : undefined;
}

const FIX_RAW =
  'Use the escaping output form (<%= %>, #{}, =, {{ }}) or sanitize the HTML with DOMPurify before rendering it raw.';
const FIX_SCRIPT =
  'Do not print values into <script>: put them in a data- attribute or a <script type="application/json"> element (JSON-encoded) and read them from there.';
const FIX_URL =
  "Allow only http(s) URLs for links: validate the protocol on the server before rendering (new URL(v).protocol === 'https:').";

function finding(line: number, column: number, message: string, fix: string): RawFinding {
  return {
    rule: 'xss',
    cwe: 'CWE-79',
    severity: 'medium',
    message,
    fix,
    line,
    column,
    endLine: line,
  };
}

/** Output tags per dialect: escaped expression, raw expression, and how a script block opens. */
const escapedOut: Record<Dialect, RegExp> = {
  ejs: /<%=\s*[^%]*?%>/,
  pug: /#\{[^}]+\}/,
  mustache: /\{\{(?![{&!#/^>])\s*[^}]+\}\}/,
  vue: /\{\{[^}]+\}\}/,
  svelte: /\{(?![@#:/])[^}]+\}/,
  nunjucks: /\{\{[^}]+\}\}/,
};
const rawOut: Record<Dialect, RegExp | undefined> = {
  ejs: /<%-(?!\s*include\b)\s*[^%]*?%>/,
  pug: /!\{[^}]+\}|[\w)\]]!=(?!=)\s*(?!["'][^"']*["']\s*(?:\)|\s|$))\S/,
  mustache: /\{\{\{[^}]+\}\}\}|\{\{&\s*[^}]+\}\}/,
  // `v-html`, and the same DOM properties bound directly (`:innerHTML`, `v-bind:srcdoc`)
  vue: /\bv-html\s*=|(?:\bv-bind)?:(?:innerHTML|outerHTML|srcdoc)\s*=/i,
  svelte: /\{@html\s/,
  nunjucks: /\{\{[^}]*\|\s*safe\b[^}]*\}\}/,
};
/**
 * A URL attribute that starts with an expression (`href="<%= url %>"`, `a(href=url)`,
 * `` a(href=`${u}/x`) ``), or whose host is one (`src="//<%= cdn %>/app.js"`): the value picks
 * the scheme (`javascript:`) or the origin the page loads from.
 */
const urlAttr: Record<Dialect, RegExp> = {
  ejs: /\b(?:href|src|action|formaction)\s*=\s*["']?(?:(?:https?:)?\/\/)?<%[=-]/i,
  pug: /\b(?:href|src|action|formaction)\s*!?=\s*(?:(?!["'`\d])[A-Za-z_$]|`(?:(?:https?:)?\/\/)?\$\{)/i,
  mustache: /\b(?:href|src|action|formaction)\s*=\s*["']?(?:(?:https?:)?\/\/)?\{\{/i,
  vue: /:(?:href|src|action|formaction)\s*=\s*"(?!'|`)[A-Za-z_$]/i,
  svelte: /\b(?:href|src|action|formaction)\s*=\s*["']?\{\s*(?!["'`])[A-Za-z_$]/i,
  nunjucks: /\b(?:href|src|action|formaction)\s*=\s*["']?(?:(?:https?:)?\/\/)?\{\{/i,
};

/**
 * Escaped output as a whole unquoted attribute value (`<div class=<%= c %>>`, `<img alt={{a}}>`):
 * HTML escaping leaves spaces alone, so `x onmouseover=alert(1)` starts a new attribute.
 */
const unquotedAttr: Partial<Record<Dialect, RegExp>> = {
  ejs: /\s[\w:.-]+\s*=\s*<%=/,
  mustache: /\s[\w:.-]+\s*=\s*\{\{(?![{&!#/^>])/,
  nunjucks: /\s[\w:.-]+\s*=\s*\{\{/,
};
const FIX_QUOTE =
  'Quote the attribute value (attr="<%= v %>"): escaping protects only quoted values.';

/** Nunjucks `{% autoescape false %}` … `{% endautoescape %}`: every output inside is raw. */
function autoescapeState(dialect: Dialect, line: string, off: boolean): boolean {
  if (dialect !== 'nunjucks') return false;
  if (/\{%-?\s*endautoescape\b/.test(line)) return false;
  if (/\{%-?\s*autoescape\s+false\b/.test(line)) return true;
  return off;
}

function scriptState(
  dialect: Dialect,
  line: string,
  inScript: boolean,
  pugIndent: number,
): {
  inScript: boolean;
  pugIndent: number;
} {
  if (dialect === 'pug') {
    const indent = line.search(/\S/);
    // `script.` (a text block) or a bare `script` whose children are `| …` text lines; a
    // sibling `script.` right after a block closes that block and opens its own
    if (/^\s*script(\([^)]*\))?\.?\s*$/.test(line) && !/src\s*=/.test(line) && isJsType(line))
      return { inScript: true, pugIndent: indent };
    if (inScript && indent >= 0 && indent <= pugIndent) return { inScript: false, pugIndent: -1 };
    return { inScript, pugIndent };
  }
  const tag = /<script\b(?![^>]*\bsrc\s*=)[^>]*>/i.exec(line);
  const opens = tag !== null && isJsType(tag[0]);
  const closes = /<\/script>/i.test(line);
  if (opens && !closes) return { inScript: true, pugIndent };
  if (closes) return { inScript: false, pugIndent };
  return { inScript, pugIndent };
}

/**
 * A script element that holds JavaScript: no `type`, or a JavaScript/module type — not an HTML
 * template container (`text/template`, `text/x-handlebars-template`, `text/ng-template`) or data.
 */
function isJsType(tag: string): boolean {
  const type = /\btype\s*=\s*["']?([^"'\s>)]+)/i.exec(tag)?.[1]?.toLowerCase();
  return type === undefined || /^(module|(text|application)\/(java|ecma)script)$/.test(type);
}

/**
 * The output at `at` is script: inside a `<script>` block (one that spans lines, or opens and
 * closes around it on this line), or inside an `on…=` event-handler attribute.
 */
function inScriptOnLine(line: string, at: number, wasIn: boolean, isIn: boolean): boolean {
  if (wasIn && isIn) return true;
  const before = line.slice(0, at);
  // pug's inline text of a script tag: `script var d = #{d};`
  if (/^\s*script(\([^)]*\))?\s+[^\s.]/.test(before) && isJsType(before)) return true;
  const open = before.search(/<script\b(?![^>]*\bsrc\s*=)[^>]*>(?![\s\S]*<\/script>)/i);
  if (open >= 0) return true;
  return /\son[a-z]+\s*=\s*(?:"[^"]*|'[^']*)$/i.test(before);
}

/** The expression of a raw output at the start of `text`, per dialect. */
const rawExpression: Partial<Record<Dialect, RegExp>> = {
  ejs: /^<%-\s*([^%]*?)\s*-?%>/,
  vue: /^v-html\s*=\s*"([^"]*)"/i,
  svelte: /^\{@html\s+([^}]*)\}/,
  mustache: /^\{\{\{\s*([^}]*?)\s*\}\}\}/,
};
/** A call of a sanitizer or HTML escaper (`DOMPurify.sanitize(x)`, `$sanitize(x)`, a `{{{sanitize x}}}` helper). */
const sanitizerCall =
  /^(?:[\w$]+\.)*\$?(?:saniti[sz]e\w*|purify|escapeHtml|escapeHTML|xss)(?:\s*\(|\s+[\w$])/;

/** Raw output whose value went through a sanitizer in the output expression itself. */
function sanitizedOutput(dialect: Dialect, text: string): boolean {
  const m = rawExpression[dialect]?.exec(text);
  return m?.[1] !== undefined && sanitizerCall.test(m[1]);
}

/**
 * pug's buffered code as a script tag's content, `script= 'var user = ' + user` (also with
 * attributes): escaped for HTML, printed into JavaScript. A string literal alone prints nothing
 * that varies. The index of the code, or -1.
 */
function pugScriptCode(line: string): number {
  const m = /^(\s*script(?:\([^)]*\))?=\s*)(.+)$/.exec(line);
  if (!m?.[1] || !m[2] || !isJsType(line)) return -1;
  return /^(["'])[^"']*\1\s*$/.test(m[2]) ? -1 : m[1].length;
}

/** Component files (Vue, Svelte): their `<script>` holds component code, not printed values. */
const componentDialect = (d: Dialect): boolean => d === 'vue' || d === 'svelte';

export function scanTemplate(path: string, content: string): RawFinding[] {
  const dialect = templateDialect(path);
  if (!dialect) return [];
  const out: RawFinding[] = [];
  const lines = content.split('\n');
  let inScript = false;
  let pugIndent = -1;
  let escapingOff = false;
  lines.forEach((line, i) => {
    const n = i + 1;
    const wasInScript = inScript;
    ({ inScript, pugIndent } = scriptState(dialect, line, inScript, pugIndent));
    escapingOff = autoescapeState(dialect, line, escapingOff);
    const raw =
      rawOut[dialect]?.exec(line) ?? (escapingOff ? escapedOut[dialect].exec(line) : null);
    if (raw && !sanitizedOutput(dialect, line.slice(raw.index))) {
      out.push(
        finding(
          n,
          raw.index + 1,
          'Template output with escaping turned off renders a value as HTML.',
          FIX_RAW,
        ),
      );
      return;
    }
    if (dialect === 'pug' && /&attributes\s*\(/.test(line)) {
      out.push(
        finding(
          n,
          line.indexOf('&attributes') + 1,
          "pug's &attributes() writes attribute names and values unescaped.",
          FIX_RAW,
        ),
      );
      return;
    }
    const url = urlAttr[dialect].exec(line);
    if (url) {
      out.push(
        finding(
          n,
          url.index + 1,
          'A link or source URL starts with a value: a javascript: URL runs script, and its host serves the content.',
          FIX_URL,
        ),
      );
      return;
    }
    const unquoted = unquotedAttr[dialect]?.exec(line);
    if (unquoted && !inScriptOnLine(line, unquoted.index, wasInScript, inScript)) {
      out.push(
        finding(
          n,
          unquoted.index + 2,
          'An unquoted attribute value is printed from a value: escaping does not stop a space from starting a new attribute (onmouseover=…).',
          FIX_QUOTE,
        ),
      );
      return;
    }
    const code = dialect === 'pug' ? pugScriptCode(line) : -1;
    const escaped = code >= 0 ? { index: code } : escapedOut[dialect].exec(line);
    if (
      escaped &&
      !componentDialect(dialect) &&
      (code >= 0 || inScriptOnLine(line, escaped.index, wasInScript, inScript))
    )
      out.push(
        finding(
          n,
          escaped.index + 1,
          'A value is printed inside a <script> block, where HTML escaping does not protect.',
          FIX_SCRIPT,
        ),
      );
  });
  return out;
}
