/* eslint-disable */
// @ts-nocheck
import * as fs from 'fs';
app.delete('/avatar', (req, res) => {
  const { avatar } = req.body;
  fs.unlinkSync(`/srv/avatars/${avatar}`);
  res.end();
});
