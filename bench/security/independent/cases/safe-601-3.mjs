/* eslint-disable */
// @ts-nocheck
// SAFE CWE-601 look-alike: Koa handler redirects only to constant internal routes.
import Koa from 'koa';
import Router from '@koa/router';

const app = new Koa();
const router = new Router();

router.get('/home', async (ctx) => {
  if (!ctx.state.user) {
    ctx.redirect('/login');
    return;
  }
  ctx.redirect(ctx.state.user.isAdmin ? '/admin' : '/dashboard');
});

app.use(router.routes());
app.listen(3000);
