/* eslint-disable */
// @ts-nocheck
// VULN CWE-94: "playground" route compiles and runs submitted code with vm.Script in the server process.
import express from 'express';
import { Script, createContext } from 'node:vm';

const app = express();
app.use(express.json({ limit: '100kb' }));

class Playground {
  constructor() {
    this.context = createContext({ console });
  }

  async execute(source) {
    const script = new Script(source, { filename: 'snippet.js' });
    return script.runInContext(this.context, { timeout: 1000 });
  }
}

const playground = new Playground();

app.post('/playground/run', (req, res) => {
  const { code } = req.body;
  playground
    .execute(code)
    .then((output) => res.json({ ok: true, output: String(output) }))
    .catch((err) => res.status(400).json({ ok: false, error: err.message }));
});

app.listen(4000);
