import Router from '@koa/router';
import { execSync } from 'node:child_process';
const router = new Router();
router.post('/thumb', async (ctx) => {
  const { file, size } = ctx.request.body;
  const out = execSync(`convert ${file} -resize ${size} /tmp/thumb.png`);
  ctx.body = out;
});
export default router;
