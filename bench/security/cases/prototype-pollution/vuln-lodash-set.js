/* eslint-disable */
const _ = require('lodash');
router.patch('/config', async (ctx) => {
  const { path, value } = ctx.request.body;
  _.set(config, path, value);
  ctx.body = config;
});
