/* eslint-disable */
app.get('/plugin/:name', (req, res) => {
  const plugin = require('./plugins/' + req.params.name);
  res.json(plugin.describe());
});
