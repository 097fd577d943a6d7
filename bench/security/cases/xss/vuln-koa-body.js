/* eslint-disable */
router.get('/hello', async (ctx) => {
  ctx.body = `<html><body>Hello ${ctx.query.name}</body></html>`;
});
