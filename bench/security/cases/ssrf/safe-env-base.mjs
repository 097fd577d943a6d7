import axios from 'axios';
const BASE = process.env.BILLING_URL;
export async function charge(req, res) {
  const { data } = await axios.post(`${BASE}/charges`, { amount: Number(req.body.amount) });
  res.json(data);
}
