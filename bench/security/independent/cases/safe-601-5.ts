/* eslint-disable */
// @ts-nocheck
// SAFE CWE-601 look-alike: outbound links are looked up by id in a Map of partner URLs.
import Koa from 'koa';
import Router from '@koa/router';

const PARTNER_LINKS = new Map<string, string>([
  ['docs', 'https://docs.example.com'],
  ['status', 'https://status.example.com'],
  ['community', 'https://forum.example.com'],
]);

const app = new Koa();
const router = new Router();

router.get('/out/:id', async (ctx) => {
  const destination = PARTNER_LINKS.get(ctx.params.id);
  if (!destination) {
    ctx.status = 404;
    return;
  }
  ctx.redirect(destination);
});

app.use(router.routes());
app.listen(3000);
