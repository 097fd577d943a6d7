/**
 * Enters the egress scope for every request (issue 15): the `x-shipgate-path` and
 * `x-shipgate-repo` headers (comma-separated or repeated) become the paths and
 * repositories the gateway's egress policy step matches, and its decisions go
 * to the audit log. Installed only when `policy.egress` has rules.
 */
import type { FastifyInstance } from 'fastify';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { EgressDecision } from '../../policy/egress-policy.js';
import type { EgressScope } from '../../policy/egress-scope.js';
import type { AuditPort } from '../ports.js';
import type { ExchangeRequest } from './exchange.js';

const maxEntries = 64;
const maxLength = 1024;

/** Header values → trimmed, non-empty entries; 400 on oversized or control characters. */
export function headerList(value: string | string[] | undefined, name: string): string[] {
  if (value === undefined) return [];
  const entries = (Array.isArray(value) ? value : [value])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (entries.length > maxEntries)
    throw new ShipgateError(ErrorCode.BadRequest, `${name}: at most ${maxEntries} entries`);
  for (const entry of entries) {
    // eslint-disable-next-line no-control-regex
    if (entry.length > maxLength || /[\u0000-\u001f\u007f]/.test(entry))
      throw new ShipgateError(
        ErrorCode.BadRequest,
        `${name}: each entry must be a path of at most ${maxLength} printable characters`,
      );
  }
  return entries;
}

function recorder(request: ExchangeRequest, audit: AuditPort | undefined) {
  return (decision: EgressDecision, detail: { task: string }): void => {
    audit?.append({
      actor: request.shipgate.principal?.name ?? 'local',
      action: 'egress',
      route: request.routeOptions.url ?? request.url,
      model: decision.chosen[0],
      decisions: { task: detail.task, requestId: request.id, ...decision },
    });
  };
}

/** The scope one request enters: its paths and repositories (400 when malformed), and its audit. */
export function egressContext(request: ExchangeRequest, audit: AuditPort | undefined) {
  return {
    paths: headerList(request.headers['x-shipgate-path'], 'x-shipgate-path'),
    repos: headerList(request.headers['x-shipgate-repo'], 'x-shipgate-repo'),
    record: recorder(request, audit),
  };
}

export function installEgressScope(
  app: FastifyInstance,
  scope: EgressScope,
  audit: AuditPort | undefined,
): void {
  app.addHook('onRequest', (request, _reply, done) => {
    let context: ReturnType<typeof egressContext>;
    try {
      context = egressContext(request, audit);
    } catch (error) {
      done(error as Error);
      return;
    }
    scope.run(context, () => done());
  });
}
