/* eslint-disable */
const { ObjectId } = require('mongodb');
app.get('/items', async (req, res) => {
  const item = await db.collection('items').findOne({ _id: new ObjectId(req.query.id) });
  res.json(item);
});
