/* eslint-disable */
app.use((req, res, next) => {
  const origin = new RegExp(req.get('x-allowed-origin'));
  if (origin.test(req.get('origin'))) res.set('Access-Control-Allow-Origin', req.get('origin'));
  next();
});
