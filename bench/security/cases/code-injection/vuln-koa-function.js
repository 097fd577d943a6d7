/* eslint-disable */
router.get('/template', async (ctx) => {
  const tpl = ctx.query.tpl;
  const render = Function('data', 'return `' + tpl + '`');
  ctx.body = render({ user: ctx.state.user });
});
