import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

const found = (code: string): string[] =>
  analyzeSource('page.tsx', code).map((f) => `${f.rule}:${f.severity}:${f.line}`);

/** [client router source, expected finding, unsafe code, safe variant]. */
const pairs: [string, string, string, string][] = [
  [
    'react-router useSearchParams into dangerouslySetInnerHTML',
    'xss:high:4',
    "import { useSearchParams } from 'react-router-dom';\nexport function P() {\n  const [params] = useSearchParams();\n  return <div dangerouslySetInnerHTML={{ __html: params.get('q') ?? '' }} />;\n}",
    "import { useSearchParams } from 'react-router-dom';\nexport function P() {\n  const [params] = useSearchParams();\n  return <div>{params.get('q')}</div>;\n}",
  ],
  [
    'Next.js router.query into an href',
    'xss:high:5',
    "import { useRouter } from 'next/router';\nexport function P() {\n  const router = useRouter();\n  const { next } = router.query;\n  return <a href={next as string}>go</a>;\n}",
    "import { useRouter } from 'next/router';\nexport function P() {\n  const router = useRouter();\n  const { next } = router.query;\n  return <a href={'/items/' + encodeURIComponent(String(next))}>go</a>;\n}",
  ],
  [
    'react-router useParams into innerHTML',
    'xss:high:6',
    "import { useParams } from 'react-router';\nimport { useEffect, useRef } from 'react';\nexport function P() {\n  const { id } = useParams();\n  const ref = useRef<HTMLDivElement>(null);\n  useEffect(() => { if (ref.current) ref.current.innerHTML = id ?? ''; }, [id]);\n  return <div ref={ref} />;\n}",
    "import { useParams } from 'react-router';\nimport { useEffect, useRef } from 'react';\nexport function P() {\n  const { id } = useParams();\n  const ref = useRef<HTMLDivElement>(null);\n  useEffect(() => { if (ref.current) ref.current.textContent = id ?? ''; }, [id]);\n  return <div ref={ref} />;\n}",
  ],
  [
    'useLocation().hash into an iframe srcDoc',
    'xss:high:4',
    "import { useLocation } from 'react-router-dom';\nexport function P() {\n  const { hash } = useLocation();\n  return <iframe srcDoc={decodeURIComponent(hash.slice(1))} />;\n}",
    'import { useLocation } from \'react-router-dom\';\nexport function P() {\n  const { hash } = useLocation();\n  return <iframe title={hash} srcDoc="<p>help</p>" />;\n}',
  ],
];

describe('client-side router hooks are URL input', () => {
  it.each(pairs)('%s', (_name, expected, unsafe, safe) => {
    expect(found(unsafe)).toContain(expected);
    expect(found(safe).filter((f) => f.startsWith('xss'))).toEqual([]);
  });

  it('a hook of the same name from another module is not a source', () => {
    const code =
      "import { useParams } from './my-store';\nexport function P() {\n  const { html } = useParams();\n  return <div dangerouslySetInnerHTML={{ __html: html }} />;\n}";
    expect(found(code)).not.toContain('xss:high:4');
  });
});
