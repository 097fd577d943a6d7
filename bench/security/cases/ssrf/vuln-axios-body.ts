/* eslint-disable */
// @ts-nocheck
import axios from 'axios';
export async function preview(req, res) {
  const { data } = await axios.get(req.body.link, { timeout: 5000 });
  res.json({ title: extractTitle(data) });
}
