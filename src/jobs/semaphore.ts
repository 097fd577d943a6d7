/** Counting semaphore, first come first served; `open()` lets every waiter (and later caller) through. */
export interface Semaphore {
  acquire(): Promise<void>;
  release(): void;
  open(): void;
}

export function createSemaphore(permits: number): Semaphore {
  let free = permits;
  let opened = false;
  const waiting: (() => void)[] = [];
  return {
    acquire() {
      if (opened || free > 0) {
        free -= 1;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
    release() {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    },
    open() {
      opened = true;
      for (const next of waiting.splice(0)) next();
    },
  };
}
