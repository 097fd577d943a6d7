/**
 * Path and repository globs for policy rules: `**` crosses `/`, `*` and `?` do
 * not, everything else is literal. Matching is case-sensitive on the whole string;
 * a leading `./` or `/` on the subject is ignored, and `dir/**` also matches `dir`.
 */

function toRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  if (out.endsWith('/.*')) out = `${out.slice(0, -3)}(?:/.*)?`;
  return new RegExp(`^${out}$`);
}

const compiled = new Map<string, RegExp>();

export function normalizeSubject(subject: string): string {
  return subject
    .replace(/\\/g, '/')
    .replace(/^(?:\.\/)+/, '')
    .replace(/^\/+/, '');
}

export function globMatch(glob: string, subject: string): boolean {
  let re = compiled.get(glob);
  if (re === undefined) {
    re = toRegExp(normalizeSubject(glob));
    if (compiled.size > 1_000) compiled.clear();
    compiled.set(glob, re);
  }
  return re.test(normalizeSubject(subject));
}
