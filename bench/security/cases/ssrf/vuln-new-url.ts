/* eslint-disable */
// @ts-nocheck
export async function GET(request) {
  const target = new URL(request.nextUrl.searchParams.get('target'));
  const r = await fetch(target);
  return new Response(r.body);
}
