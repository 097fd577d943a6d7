/* eslint-disable */
// @ts-nocheck
// VULN CWE-94: the node:vm module is not a sandbox; a user-supplied formula runs with host access.
import Koa from 'koa';
import Router from '@koa/router';
import vm from 'node:vm';

const app = new Koa();
const router = new Router();

router.get('/pricing/preview', async (ctx) => {
  const { formula = 'price * qty' } = ctx.query;
  const sandbox = { Math, price: 100, qty: 3, discount: 0.1 };
  const value = vm.runInNewContext(String(formula), sandbox, { timeout: 50 });
  ctx.body = { formula, value };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(8080);
