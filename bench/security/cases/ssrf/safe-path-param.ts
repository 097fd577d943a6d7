/* eslint-disable */
// @ts-nocheck
import axios from 'axios';
const api = 'https://payments.internal.example.com/v1/';
export async function status(req, res) {
  const { data } = await axios.get(api + 'orders/' + req.params.orderId);
  res.json(data);
}
