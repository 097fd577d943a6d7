/* eslint-disable */
// @ts-nocheck
import fs from 'fs';
export function invoice(req, res) {
  const id = Number(req.params.id);
  fs.createReadStream(`/srv/invoices/${id}.pdf`).pipe(res);
}
