/**
 * Normalises the language tag of a fenced block (the first word of its info
 * string) so consumers can switch on one spelling: `ts` → `typescript`.
 * Unknown tags are kept, lower-cased.
 */
const aliases: Readonly<Record<string, string>> = {
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  typescript: 'typescript',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  node: 'javascript',
  nodejs: 'javascript',
  javascript: 'javascript',
  ecmascript: 'javascript',
  tsx: 'tsx',
  jsx: 'jsx',
  py: 'python',
  py3: 'python',
  python3: 'python',
  sh: 'bash',
  shell: 'bash',
  zsh: 'bash',
  shellscript: 'bash',
  console: 'bash',
  yml: 'yaml',
  'c++': 'cpp',
  cc: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  'c#': 'csharp',
  cs: 'csharp',
  'f#': 'fsharp',
  golang: 'go',
  rs: 'rust',
  rb: 'ruby',
  kt: 'kotlin',
  kts: 'kotlin',
  md: 'markdown',
  ps1: 'powershell',
  pwsh: 'powershell',
  dockerfile: 'dockerfile',
  docker: 'dockerfile',
  htm: 'html',
  xhtml: 'html',
  jsonc: 'json',
  json5: 'json',
  tf: 'hcl',
  terraform: 'hcl',
  objc: 'objective-c',
  'objective-c': 'objective-c',
  psql: 'sql',
  postgresql: 'sql',
  text: 'text',
  txt: 'text',
  plaintext: 'text',
};

/** `ts` → `typescript`, `{python}` → `python`, `` → null. */
export function normalizeLanguage(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const cleaned = tag
    .trim()
    .replace(/^\{\.?|\}$/g, '')
    .replace(/^\./, '')
    .toLowerCase();
  if (!cleaned) return null;
  return aliases[cleaned] ?? cleaned;
}
