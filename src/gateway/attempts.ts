import { toAbortSignal } from '../lib/light-abort.js';
import { ErrorCode, isShipgateError, ShipgateError } from '../errors.js';
import type { AttemptFn, AttemptRecord } from './router/attempt.js';
import type { GenerateOutput, ModelRequest, ModelSpec, Provider, StreamEvent } from './types.js';

export type ProviderLookup = (model: ModelSpec) => Provider;

export function providerLookup(providers: ReadonlyMap<string, Provider>): ProviderLookup {
  return (model) => {
    const provider = providers.get(model.provider);
    if (!provider)
      throw new ShipgateError(
        ErrorCode.NoProvider,
        `model ${model.alias} needs provider "${model.provider}", which is not configured`,
      );
    return provider;
  };
}

/** One non-streaming upstream attempt; records the usage the upstream billed. */
export function generateAttempt(
  lookup: ProviderLookup,
  request: ModelRequest,
): AttemptFn<GenerateOutput> {
  return async (model, signal, record) => {
    try {
      const output = await lookup(model).generate({
        request,
        model,
        signal: toAbortSignal(signal),
      });
      record.usage = output.usage;
      return output;
    } catch (error) {
      // a 2xx body the provider could not read was still produced (and billed) upstream
      const received = isShipgateError(error) ? error.details?.received : undefined;
      if (typeof received === 'string') record.received = received;
      throw error;
    }
  };
}

/** A stream whose first event has arrived: past this point it is not retried. */
export interface CommittedStream {
  first: IteratorResult<StreamEvent>;
  iterator: AsyncIterator<StreamEvent>;
  record: AttemptRecord;
  model: ModelSpec;
}

/** One streaming attempt: commits when the first event arrives (errors before it are retried). */
export function streamAttempt(
  lookup: ProviderLookup,
  request: ModelRequest,
): AttemptFn<CommittedStream> {
  return async (model, signal, record) => {
    const events = lookup(model).stream({ request, model, signal: toAbortSignal(signal) });
    const iterator = events[Symbol.asyncIterator]();
    try {
      const first = await iterator.next();
      return { first, iterator, record, model };
    } catch (error) {
      await iterator.return?.().catch(() => undefined);
      throw error;
    }
  };
}
