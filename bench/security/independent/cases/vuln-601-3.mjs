/* eslint-disable */
// @ts-nocheck
// VULN CWE-601: Koa link-tracking endpoint redirects to any `url`.
import Koa from 'koa';
import Router from '@koa/router';

const app = new Koa();
const router = new Router();

router.get('/out', async (ctx) => {
  const { url, campaign } = ctx.query;
  console.info('outbound click', { campaign, url });
  ctx.redirect(url);
});

app.use(router.routes());
app.listen(3000);
