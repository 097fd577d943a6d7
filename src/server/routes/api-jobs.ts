/**
 * Job routes (DESIGN.md, Jobs): read a job, cancel it, retry it, its webhook
 * delivery log, and batches (one job per item + a batch status). Developer and
 * ci keys see and act on their own jobs; viewers read all; admins do anything.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { generatePayloadSchema, validatePayloadSchema } from '../../jobs/handlers.js';
import { jobStates } from '../../jobs/job-types.js';
import { errorResponses, jsonSchema } from '../schemas/json-schema.js';
import { parseInput } from '../schemas/parse.js';
import type { ServerDeps } from '../server-deps.js';
import {
  idempotencyOf,
  mayActOn,
  mayRead,
  ownerOf,
  requireJobs,
  sendAnswer,
} from './job-requests.js';

const idParams = z.strictObject({ id: z.string().min(1).max(128) });
const listQuery = z.strictObject({
  state: z.enum(jobStates).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

const batchItemSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('generate'), input: generatePayloadSchema }),
  z.strictObject({ kind: z.literal('validate'), input: validatePayloadSchema }),
  z.strictObject({ kind: z.literal('review'), input: z.record(z.string(), z.unknown()) }),
]);

export const batchBodySchema = z.strictObject({
  items: z.array(batchItemSchema).min(1),
  webhook: z.strictObject({ url: z.url() }).optional(),
  priority: z
    .enum(['normal', 'batch'])
    .optional()
    .describe(
      '"batch": generate and review items make their model calls through the provider batch APIs (about half price, results within 24 h); providers without one run them now.',
    ),
});

function notFound(id: string): ShipgateError {
  return new ShipgateError(ErrorCode.NotFound, `no job ${id}`);
}

const permissionFor = { generate: 'generate', validate: 'validate', review: 'generate' } as const;

async function readable(deps: ServerDeps, request: FastifyRequest, id: string) {
  const jobs = requireJobs(deps);
  const owner = await jobs.ownerOf(id);
  if (owner === undefined || !mayRead(request, owner)) throw notFound(id);
  return jobs;
}

async function actionable(deps: ServerDeps, request: FastifyRequest, id: string) {
  const jobs = requireJobs(deps);
  const owner = await jobs.ownerOf(id);
  if (owner === undefined || !mayRead(request, owner)) throw notFound(id);
  if (!mayActOn(request, owner))
    throw new ShipgateError(
      ErrorCode.Forbidden,
      `job ${id} belongs to another key; only its owner or an admin may change it`,
    );
  return jobs;
}

const schema = (summary: string, extra: Record<string, unknown> = {}) => ({
  summary,
  tags: ['jobs'],
  ...extra,
  response: { ...errorResponses },
});

function registerReads(app: FastifyInstance, deps: ServerDeps): void {
  app.get(
    '/api/jobs',
    {
      config: { permission: 'jobs' },
      schema: schema('Recent jobs (your own unless admin or viewer)'),
    },
    async (request) => {
      const query = parseInput(listQuery, request.query, 'query');
      const principal = request.shipgate.principal;
      const all = !principal || principal.role === 'admin' || principal.role === 'viewer';
      const jobs = await requireJobs(deps).list({
        ...query,
        ownerId: all ? undefined : principal.keyId,
      });
      return { jobs };
    },
  );
  app.get(
    '/api/jobs/:id',
    { config: { permission: 'jobs' }, schema: schema('A job: state, attempts, result or error') },
    async (request) => {
      const { id } = parseInput(idParams, request.params, 'job id');
      const job = await (await readable(deps, request, id)).get(id);
      if (!job) throw notFound(id);
      return job;
    },
  );
  app.get(
    '/api/jobs/:id/deliveries',
    { config: { permission: 'jobs' }, schema: schema("The job's webhook delivery log") },
    async (request) => {
      const { id } = parseInput(idParams, request.params, 'job id');
      return { deliveries: await (await readable(deps, request, id)).deliveries(id) };
    },
  );
  app.get(
    '/api/batches/:id',
    { config: { permission: 'jobs' }, schema: schema('A batch: counts by state and its jobs') },
    async (request) => {
      const { id } = parseInput(idParams, request.params, 'batch id');
      const batch = await requireJobs(deps).batch(id);
      if (!batch) throw new ShipgateError(ErrorCode.NotFound, `no batch ${id}`);
      const first = batch.jobs[0];
      if (first)
        await readable(deps, request, first.id).catch(() => {
          throw new ShipgateError(ErrorCode.NotFound, `no batch ${id}`);
        });
      return batch;
    },
  );
}

function registerWrites(app: FastifyInstance, deps: ServerDeps): void {
  app.delete(
    '/api/jobs/:id',
    { config: { permission: 'jobs' }, schema: schema('Cancel a queued or running job') },
    async (request) => {
      const { id } = parseInput(idParams, request.params, 'job id');
      return (await actionable(deps, request, id)).cancel(id);
    },
  );
  app.post(
    '/api/jobs/:id/retry',
    { config: { permission: 'jobs' }, schema: schema('Queue a failed or cancelled job again') },
    async (request) => {
      const { id } = parseInput(idParams, request.params, 'job id');
      return (await actionable(deps, request, id)).retry(id);
    },
  );
  app.post(
    '/api/batches',
    {
      config: { permission: 'generate' },
      schema: schema('Submit many jobs at once: 202 {batchId, jobIds}', {
        body: jsonSchema(batchBodySchema, 'input'),
      }),
    },
    async (request, reply) => {
      const body = parseInput(batchBodySchema, request.body, 'batch request');
      const principal = request.shipgate.principal;
      for (const kind of new Set(body.items.map((i) => i.kind)))
        deps.auth?.authorize(principal, permissionFor[kind]);
      if (principal) await deps.auth?.admit(principal, 256 * body.items.length);
      const batch = body.priority === 'batch';
      const items = body.items.map((item) => ({
        kind: item.kind,
        payload:
          batch && item.kind !== 'validate' ? { ...item.input, priority: 'batch' } : item.input,
        webhookUrl: body.webhook?.url,
      }));
      const answer = await requireJobs(deps).submitBatch(
        items,
        ownerOf(request),
        idempotencyOf(request, body),
      );
      return sendAnswer(reply, answer);
    },
  );
}

export function registerApiJobs(app: FastifyInstance, deps: ServerDeps): void {
  registerReads(app, deps);
  registerWrites(app, deps);
}
