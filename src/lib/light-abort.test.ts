import { describe, expect, it } from 'vitest';
import { LightAbortController, LightSignal, toAbortSignal } from './light-abort.js';

describe('LightAbortController', () => {
  it('aborts once, with the reason, calling listeners in order and dropping removed ones', () => {
    const controller = new LightAbortController();
    const calls: string[] = [];
    const second = (): void => void calls.push('second');
    controller.signal.addEventListener('abort', () => calls.push('first'));
    controller.signal.addEventListener('abort', second);
    controller.signal.addEventListener('abort', () => calls.push('third'));
    controller.signal.removeEventListener('abort', second);
    controller.abort('why');
    controller.abort('again');
    expect(calls).toEqual(['first', 'third']);
    expect(controller.signal.aborted).toBe(true);
    expect(controller.signal.reason).toBe('why');
  });

  it('gives an AbortError reason when aborted without one, as AbortController does', () => {
    const controller = new LightAbortController();
    controller.abort();
    expect((controller.signal.reason as Error).name).toBe('AbortError');
    const real = new AbortController();
    real.abort();
    expect((real.signal.reason as Error).name).toBe('AbortError');
  });

  it('ignores listeners added after the abort, as an aborted AbortSignal does', () => {
    const controller = new LightAbortController();
    controller.abort('done');
    let called = false;
    controller.signal.addEventListener('abort', () => (called = true));
    controller.abort('again');
    expect(called).toBe(false);
  });

  it('runs the other listeners when one throws, and reports the error as uncaught', async () => {
    const controller = new LightAbortController();
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown): void => void uncaught.push(error);
    const listeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', onUncaught);
    try {
      let after = false;
      controller.signal.addEventListener('abort', () => {
        throw new Error('listener broke');
      });
      controller.signal.addEventListener('abort', () => (after = true));
      controller.abort('x');
      expect(after).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
      expect(uncaught).toHaveLength(1);
      expect((uncaught[0] as Error).message).toBe('listener broke');
    } finally {
      process.off('uncaughtException', onUncaught);
      for (const listener of listeners) process.on('uncaughtException', listener);
    }
  });
});

describe('toAbortSignal', () => {
  it('returns a real AbortSignal unchanged', () => {
    const real = new AbortController().signal;
    expect(toAbortSignal(real)).toBe(real);
  });

  it('links one real signal to a light one, made once, aborting with its reason', () => {
    const light = new LightAbortController();
    const real = toAbortSignal(light.signal);
    expect(real).toBeInstanceOf(AbortSignal);
    expect(toAbortSignal(light.signal)).toBe(real);
    expect(real.aborted).toBe(false);
    light.abort('gone');
    expect(real.aborted).toBe(true);
    expect(real.reason).toBe('gone');
  });

  it('is already aborted when the light signal was', () => {
    const light = new LightSignal();
    light.fire('early');
    const real = toAbortSignal(light);
    expect(real.aborted).toBe(true);
    expect(real.reason).toBe('early');
  });

  it('links any other signal-like object', () => {
    const listeners: (() => void)[] = [];
    const like = {
      aborted: false,
      reason: undefined as unknown,
      addEventListener: (_t: 'abort', l: () => void) => void listeners.push(l),
      removeEventListener: () => undefined,
    };
    const real = toAbortSignal(like);
    like.aborted = true;
    like.reason = 'late';
    for (const l of listeners) l();
    expect(real.reason).toBe('late');
  });
});
