/* eslint-disable */
// @ts-nocheck
// VULN CWE-918: the region parameter becomes part of the host name, so any host can be reached.
import express from 'express';

const app = express();

async function regionStatus(region: string) {
  const res = await fetch(`http://${region}.status.internal:8080/health`);
  return res.json();
}

app.get('/status/:region', async (req, res) => {
  try {
    res.json(await regionStatus(req.params.region));
  } catch {
    res.status(502).json({ error: 'region unavailable' });
  }
});

app.listen(3000);
