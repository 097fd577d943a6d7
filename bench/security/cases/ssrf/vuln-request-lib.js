/* eslint-disable */
const request = require('request');
app.get('/image', (req, res) => {
  request(req.query.imageUrl).pipe(res);
});
