/* eslint-disable */
const axios = require('axios');
const client = axios.create({ baseURL: 'https://api.example.com' });
app.get('/items/:id', async (req, res) => {
  const r = await axios({ baseURL: 'https://api.example.com', url: '/items/' + req.params.id });
  res.json(r.data);
});
