/* eslint-disable */
const got = require('got');
router.post('/webhooks/test', async (ctx) => {
  const { callbackUrl } = ctx.request.body;
  await got.post(callbackUrl, { json: { ping: true } });
  ctx.status = 204;
});
