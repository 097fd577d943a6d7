/* eslint-disable */
const allowed = ['https://hooks.slack.com', 'https://discord.com'];
app.post('/notify', async (req, res) => {
  const target = req.body.webhook;
  if (!allowed.some((p) => target.startsWith(p + '/'))) return res.sendStatus(400);
  await fetch(target, { method: 'POST', body: JSON.stringify({ text: 'hi' }) });
  res.sendStatus(204);
});
