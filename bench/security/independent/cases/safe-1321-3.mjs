/* eslint-disable */
// @ts-nocheck
// SAFE CWE-1321 look-alike: section and key are checked against an allow-list before the computed assignment.
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';

const app = new Koa();
app.use(bodyParser());

const ALLOWED = {
  checkout: ['newFlow', 'expressPay'],
  search: ['fuzzy', 'synonyms'],
};
const featureFlags = {
  checkout: { newFlow: false, expressPay: false },
  search: { fuzzy: true, synonyms: false },
};

app.use(async (ctx) => {
  if (ctx.method === 'PUT' && ctx.path === '/flags') {
    const { section, key, value } = ctx.request.body;
    if (!Object.hasOwn(ALLOWED, section) || !ALLOWED[section].includes(key)) {
      ctx.status = 400;
      return;
    }
    featureFlags[section][key] = Boolean(value);
    ctx.body = featureFlags;
  }
});

app.listen(3000);
