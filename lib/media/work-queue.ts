/**
 * A bounded queue for heavy work: at most `concurrency` jobs run at once, at most `maxWaiting`
 * wait, and none waits longer than `maxWaitMs`. A job that cannot be queued, or waits too long, is
 * refused with QueueFull (the caller answers 503 with Retry-After), so a burst of uploads can
 * neither take every core nor leave a request hanging. Small and Kiji's own rather than p-limit or
 * p-queue: neither bounds the waiting line or refuses past it, which is the part that matters here
 * (docs/decisions/0025). Pure: the state lives in the object, which lib/media/process.ts keeps in
 * the process's runtime.
 */

export class QueueFull extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('the queue is full');
  }
}

export type WorkQueueOptions = { concurrency: number; maxWaiting: number; maxWaitMs: number };

export type WorkQueue = {
  run<T>(work: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
  /** Whether a job joining now would be refused; when so, what it would be refused with. */
  refusalNow(): QueueFull | null;
};

export function createWorkQueue({ concurrency, maxWaiting, maxWaitMs }: WorkQueueOptions): WorkQueue {
  let running = 0;
  const line: { start: () => void; timer: NodeJS.Timeout }[] = [];
  const retryAfterSeconds = Math.max(1, Math.ceil(maxWaitMs / 1000 / 2));

  /** A slot is free: handed to the first in line (who then holds it), or given back. */
  function release() {
    const next = line.shift();
    if (next) {
      clearTimeout(next.timer);
      next.start();
    } else {
      running -= 1;
    }
  }

  function waitForSlot(): Promise<void> {
    if (line.length >= maxWaiting) return Promise.reject(new QueueFull(retryAfterSeconds));
    return new Promise((resolve, reject) => {
      const entry = {
        start: resolve,
        timer: setTimeout(() => {
          line.splice(line.indexOf(entry), 1);
          reject(new QueueFull(retryAfterSeconds));
        }, maxWaitMs),
      };
      line.push(entry);
    });
  }

  return {
    async run(work) {
      if (running < concurrency && line.length === 0) running += 1;
      else await waitForSlot();
      try {
        return await work();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return line.length;
    },
    refusalNow() {
      return running >= concurrency && line.length >= maxWaiting ? new QueueFull(retryAfterSeconds) : null;
    },
  };
}
