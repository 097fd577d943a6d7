/* eslint-disable */
router.get('/out', async (ctx) => {
  ctx.redirect(ctx.query.url);
});
