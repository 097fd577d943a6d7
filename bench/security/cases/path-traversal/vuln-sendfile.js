/* eslint-disable */
const path = require('path');
app.get('/download', (req, res) => {
  res.sendFile(path.join(__dirname, 'uploads', req.query.file));
});
