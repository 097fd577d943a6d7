export function validate(req, res) {
  const ok = new RegExp(req.body.rule).test(req.body.value);
  res.json({ ok });
}
