import type { UsageRecord } from '../usage-record.js';

/**
 * Reused UsageRecord objects for the meter's queue. A record waits there for its
 * batch (up to `metering.flushIntervalMs`). V8 pretenures an allocation site whose
 * objects outlive scavenges, so in some runs every later record of the one literal that
 * made it was allocated straight into the old generation: 5.6-6.2 MB of old-space garbage
 * per load of bench:gateway-old-space (ADR 0048). The queue holds copies in these slots
 * instead, so the per-call record dies young; a slot is reused once its batch is
 * written, which is why a UsageSink must not keep the records it is given.
 */
export class RecordSlots {
  readonly #free: UsageRecord[] = [];

  /** `max`: slots kept for reuse (the queue's bound); more are left to the collector. */
  constructor(private readonly max: number) {}

  /** A slot holding the values of `record`. */
  copy(record: UsageRecord): UsageRecord {
    const slot = this.#free.pop();
    return slot ? fill(slot, record) : fill({} as UsageRecord, record);
  }

  /** Gives back slots whose batch was written. */
  release(slots: readonly UsageRecord[]): void {
    for (const slot of slots) {
      if (this.#free.length >= this.max) return;
      this.#free.push(slot);
    }
  }
}

/** Every field, assigned in one order, so all slots share one shape. */
function fill(slot: UsageRecord, from: UsageRecord): UsageRecord {
  slot.id = from.id;
  slot.startedAt = from.startedAt;
  slot.provider = from.provider;
  slot.model = from.model;
  slot.task = from.task;
  slot.caller = from.caller;
  slot.attempts = from.attempts;
  slot.cacheHit = from.cacheHit;
  slot.status = from.status;
  slot.latencyMs = from.latencyMs;
  slot.ttftMs = from.ttftMs;
  slot.inputTokens = from.inputTokens;
  slot.outputTokens = from.outputTokens;
  slot.cachedInputTokens = from.cachedInputTokens;
  slot.costMicros = from.costMicros;
  slot.estimated = from.estimated;
  return slot;
}
