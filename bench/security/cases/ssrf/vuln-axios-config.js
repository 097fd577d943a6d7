/* eslint-disable */
const axios = require('axios');
app.post('/import', async (req, res) => {
  const response = await axios({ method: 'get', url: req.body.feedUrl });
  res.json(parseFeed(response.data));
});
