/* eslint-disable */
const fs = require('fs');
router.get('/files/:name', async (ctx) => {
  ctx.body = fs.createReadStream('/var/data/' + ctx.params.name);
});
