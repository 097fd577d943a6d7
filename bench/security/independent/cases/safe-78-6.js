/* eslint-disable */
// @ts-nocheck
// SAFE CWE-78 look-alike: ffmpeg is invoked via spawn with an argument array and a basename-only path.
const fastify = require('fastify')();
const { spawn } = require('child_process');
const path = require('path');

const UPLOADS = path.resolve(__dirname, 'uploads');
const CONVERTED = path.resolve(__dirname, 'converted');

function convert(input, output) {
  return new Promise((resolve, reject) => {
    const proc = spawn('ffmpeg', ['-y', '-i', input, output], { stdio: 'ignore' });
    proc.on('error', reject);
    proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('ffmpeg failed'))));
  });
}

fastify.post('/audio/convert', async (request, reply) => {
  const name = path.basename(String(request.body.filename));
  const output = name.replace(/\.\w+$/, '') + '.mp3';
  await convert(path.join(UPLOADS, name), path.join(CONVERTED, output));
  return reply.send({ output });
});

fastify.listen({ port: 3001 });
