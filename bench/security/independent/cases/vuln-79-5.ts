/* eslint-disable */
// @ts-nocheck
// VULN CWE-79: Koa sets an HTML body that includes the display name from the query string.
import Koa from 'koa';

const app = new Koa();

function welcomePage(displayName: string): string {
  return (
    '<html><body><p>Welcome ' + displayName + '</p><a href="/logout">Log out</a></body></html>'
  );
}

app.use(async (ctx) => {
  if (ctx.path !== '/welcome') return;
  const displayName = (ctx.query.name as string) ?? 'friend';
  ctx.type = 'html';
  ctx.body = welcomePage(displayName);
});

app.listen(3000);
