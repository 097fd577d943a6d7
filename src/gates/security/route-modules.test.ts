import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/** Request sources of file-based routers known by their exports (next-handlers.ts). */

const found = (file: string, code: string): string[] =>
  analyzeSource(file, code).map((f) => `${f.line}:${f.rule}`);

describe('route modules', () => {
  it('Remix / React Router loaders and actions get the request and params', () => {
    const code = [
      "import { redirect } from '@remix-run/node';",
      'export async function loader({ request }) {',
      "  return fetch(new URL(request.url).searchParams.get('feed'));",
      '}',
      'export const action = async ({ request, params }) => {',
      '  const form = await request.formData();',
      "  return redirect(String(form.get('next')) + params.id);",
      '};',
    ].join('\n');
    expect(found('app/routes/feed.tsx', code)).toEqual(['3:ssrf', '6:open-redirect']);
  });

  it('SvelteKit load functions and +server handlers get the URL and request', () => {
    const load =
      "export async function load({ url }) {\n  return { page: await fetch(url.searchParams.get('src')) };\n}";
    expect(found('src/routes/feed/+page.server.js', load)).toEqual(['2:ssrf']);
    const server =
      "import { exec } from 'node:child_process';\nexport async function POST({ request }) {\n  const { task } = await request.json();\n  exec('run ' + task);\n  return new Response('ok');\n}";
    expect(found('src/routes/api/+server.js', server)).toEqual(['3:command-injection']);
  });

  it("Next.js getInitialProps gets the request's query", () => {
    const code =
      'const Page = () => null;\nPage.getInitialProps = async ({ query }) => ({ html: await (await fetch(query.src)).text() });\nexport default Page;';
    expect(found('pages/embed.js', code)).toEqual(['2:ssrf']);
  });

  it('a function named load elsewhere is not a route', () => {
    const code = 'export async function load({ url }) {\n  return fetch(url);\n}';
    expect(found('lib/cache.js', code)).toEqual([]);
  });
  it('Astro endpoints get the request context ({ params, request, url })', () => {
    const endpoint = [
      "import { exec } from 'node:child_process';",
      'export const POST = async ({ request, params }) => {',
      '  const { file } = await request.json();',
      "  exec('convert ' + file + ' ' + params.id);",
      "  return new Response('ok');",
      '};',
      'export async function GET({ url }) {',
      "  return fetch(url.searchParams.get('src'));",
      '}',
    ].join('\n');
    expect(found('src/pages/api/convert.ts', endpoint)).toEqual(['3:command-injection', '8:ssrf']);
    const typed = "import type { APIRoute } from 'astro';\n" + endpoint;
    expect(found('lib/convert.ts', typed)).toEqual(['4:command-injection', '9:ssrf']);
    // the same exports in a module that is no endpoint are plain functions
    expect(found('lib/convert.ts', endpoint)).not.toContain('8:ssrf');
  });
});
