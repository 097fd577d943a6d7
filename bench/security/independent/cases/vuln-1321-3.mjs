/* eslint-disable */
// @ts-nocheck
// VULN CWE-1321: two-level computed assignment with user-chosen section/key (section="__proto__").
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';

const app = new Koa();
app.use(bodyParser());

const featureFlags = {
  checkout: { newFlow: false },
  search: { fuzzy: true },
};

app.use(async (ctx) => {
  if (ctx.method === 'PUT' && ctx.path === '/flags') {
    const { section, key, value } = ctx.request.body;
    if (!featureFlags[section]) featureFlags[section] = {};
    featureFlags[section][key] = value;
    ctx.body = featureFlags;
  }
});

app.listen(3000);
