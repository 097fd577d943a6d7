/* eslint-disable */
// @ts-nocheck
// VULN CWE-78: Koa deploy hook interpolates the branch from the JSON body into a promisified exec call.
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import { exec } from 'node:child_process';
import { promisify } from 'node:util';

const execAsync = promisify(exec);
const app = new Koa();
app.use(bodyParser());

async function deployBranch(branch: string): Promise<string> {
  const { stdout } = await execAsync(
    `cd /srv/app && git fetch origin && git checkout ${branch} && npm run build`,
  );
  return stdout;
}

app.use(async (ctx) => {
  if (ctx.method !== 'POST' || ctx.path !== '/hooks/deploy') return;
  const { branch } = ctx.request.body as { branch: string };
  const log = await deployBranch(branch);
  ctx.body = { status: 'deployed', log };
});

app.listen(9000);
