/* eslint-disable */
app.get('/files/:name', (req, res) => {
  res.sendFile(req.params.name, { root: '/srv/public', dotfiles: 'deny' });
});
