/* eslint-disable */
// @ts-nocheck
// VULN CWE-78: only whitespace is stripped from the filename before it reaches the shell; ; | $() still work.
const fastify = require('fastify')();
const { execSync } = require('child_process');

function sanitizeName(name) {
  return String(name).replace(/\s+/g, '_');
}

fastify.post('/audio/convert', async (request, reply) => {
  const { filename } = request.body;
  const safeName = sanitizeName(filename);
  const output = safeName.replace(/\.\w+$/, '') + '.mp3';
  execSync('ffmpeg -y -i uploads/' + safeName + ' converted/' + output);
  return reply.send({ output });
});

fastify.listen({ port: 3001 });
