/* eslint-disable */
// @ts-nocheck
const LOCALES = new Set(['en', 'fr', 'de']);
export async function GET(request) {
  const locale = new URL(request.url).searchParams.get('locale') ?? 'en';
  if (!LOCALES.has(locale)) return new Response('bad locale', { status: 400 });
  const messages = await import(`../locales/${locale}.js`);
  return Response.json(messages.default);
}
