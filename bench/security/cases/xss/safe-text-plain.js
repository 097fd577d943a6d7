/* eslint-disable */
app.get('/hello', (req, res) => {
  res.set('Content-Type', 'text/plain');
  res.send('Hello ' + req.query.name);
});
