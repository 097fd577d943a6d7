/* eslint-disable */
// @ts-nocheck
// VULN CWE-1321: ConfigStore.update deep-copies a request body with Object.keys (JSON "__proto__" is an own key).
import express from 'express';

type Json = Record<string, unknown>;

class ConfigStore {
  private data: Json = { limits: { rpm: 60 }, features: {} };

  update(patch: Json): Json {
    this.deepAssign(this.data, patch);
    return this.data;
  }

  private deepAssign(target: any, source: any): void {
    Object.keys(source).forEach((key) => {
      const value = source[key];
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        target[key] = target[key] ?? {};
        this.deepAssign(target[key], value);
      } else {
        target[key] = value;
      }
    });
  }
}

const store = new ConfigStore();
const app = express();
app.use(express.json());

app.put('/admin/config', (req, res) => {
  res.json(store.update(req.body as Json));
});

app.listen(3000);
