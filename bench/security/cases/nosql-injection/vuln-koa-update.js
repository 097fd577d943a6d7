/* eslint-disable */
router.put('/profile', async (ctx) => {
  await users.updateOne({ email: ctx.request.body.email }, { $set: { bio: ctx.request.body.bio } });
  ctx.status = 204;
});
