/**
 * Worker-thread entry of the typecheck gate: holds the warm LanguageServices so that
 * type-checking runs in parallel with the other gates and never blocks the main
 * thread (the HTTP server's event loop included).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { capGateFindings } from './finding-cap.js';
import { lowerThreadPriority, lowestPriority } from './thread-priority.js';
import { createTypecheckEngine } from './typecheck-engine.js';
import type {
  TypecheckRequest,
  TypecheckResponse,
  TypecheckWorkerData,
} from './typecheck-protocol.js';

if ((workerData as TypecheckWorkerData | undefined)?.background)
  lowerThreadPriority(lowestPriority);
const engine = createTypecheckEngine();
const port = parentPort;

port?.on('message', (request: TypecheckRequest) => {
  let response: TypecheckResponse;
  try {
    if (request.prewarm) engine.prewarm(request.root, request.trust);
    // capped here: copying a huge result to the main thread would stall its event loop
    const findings = request.prewarm
      ? []
      : capGateFindings(
          engine.check(request.root, request.files, request.suggestions, request.trust),
        );
    response = { id: request.id, findings };
  } catch (thrown) {
    response = { id: request.id, error: thrown instanceof Error ? thrown.message : String(thrown) };
  }
  port.postMessage(response);
});
