/* eslint-disable */
// @ts-nocheck
router.get('/filter', async (ctx) => {
  const { pattern } = ctx.query;
  ctx.body = logs.filter((l) => RegExp('^' + pattern).test(l));
});
