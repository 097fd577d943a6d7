/* eslint-disable */
router.get('/docs', async (ctx) => {
  ctx.redirect('https://docs.example.com/' + encodeURIComponent(ctx.query.page));
});
