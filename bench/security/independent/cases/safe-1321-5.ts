/* eslint-disable */
// @ts-nocheck
// SAFE CWE-1321 look-alike: a strict zod schema validates the patch before a shallow Object.assign.
import Fastify from 'fastify';
import { z } from 'zod';

const ConfigPatch = z
  .object({
    rpm: z.number().int().min(1).max(10_000).optional(),
    maintenance: z.boolean().optional(),
    banner: z.string().max(200).optional(),
  })
  .strict();

const config = { rpm: 60, maintenance: false, banner: '' };
const app = Fastify();

app.put('/admin/config', async (request, reply) => {
  const parsed = ConfigPatch.safeParse(request.body);
  if (!parsed.success) return reply.code(400).send(parsed.error.flatten());
  Object.assign(config, parsed.data);
  return config;
});

app.listen({ port: 3000 });
