/* eslint-disable */
function poll(req, res) {
  setTimeout(() => refresh(req.query.id), 1000);
  setInterval(tick, 500);
  res.sendStatus(202);
}
