/* eslint-disable */
// @ts-nocheck
import type { NextRequest } from 'next/server';
export async function GET(request: NextRequest) {
  const locale = request.nextUrl.searchParams.get('locale');
  const messages = await import(`../locales/${locale}.js`);
  return Response.json(messages.default);
}
