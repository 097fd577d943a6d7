/* eslint-disable */
const path = require('path');
app.get('/download', (req, res) => {
  const name = path.basename(req.query.file);
  res.sendFile(path.join(__dirname, 'uploads', name));
});
