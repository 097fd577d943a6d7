/* eslint-disable */
function buildQuery(table, id) {
  return 'DELETE FROM ' + table + ' WHERE id = ' + id;
}
app.delete('/items/:id', async (req, res) => {
  await db.execute(buildQuery('items', req.params.id));
  res.sendStatus(204);
});
