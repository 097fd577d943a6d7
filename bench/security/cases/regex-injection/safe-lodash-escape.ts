/* eslint-disable */
// @ts-nocheck
import { escapeRegExp } from 'lodash';
router.get('/filter', async (ctx) => {
  ctx.body = logs.filter((l) => new RegExp('^' + escapeRegExp(ctx.query.pattern)).test(l));
});
