/* eslint-disable */
app.post('/login', (req, res) => {
  const sessionId = Date.now().toString(36) + Math.floor(Math.random() * 1e9).toString(36);
  sessions.set(sessionId, req.body.user);
  res.cookie('sid', sessionId).end();
});
