import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorkQueue, QueueFull } from './work-queue';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

afterEach(() => vi.useRealTimers());

describe('the work queue', () => {
  it('runs one job at a time in the order they came, and the next as soon as one ends', async () => {
    const queue = createWorkQueue({ concurrency: 1, maxWaiting: 5, maxWaitMs: 60_000 });
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const jobs = gates.map((gate, index) =>
      queue.run(async () => {
        started.push(index);
        await gate.promise;
        return index;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0]);
    expect([queue.running, queue.waiting]).toEqual([1, 2]);
    gates[0]!.resolve();
    expect(await jobs[0]).toBe(0);
    await vi.waitFor(() => expect(started).toEqual([0, 1]));
    expect([queue.running, queue.waiting]).toEqual([1, 1]);
    gates[1]!.resolve();
    gates[2]!.resolve();
    expect(await Promise.all(jobs)).toEqual([0, 1, 2]);
    expect([queue.running, queue.waiting]).toEqual([0, 0]);
  });

  it('refuses a job when the line is full, with a time to try again, and frees the slot of a job that failed', async () => {
    const queue = createWorkQueue({ concurrency: 2, maxWaiting: 1, maxWaitMs: 60_000 });
    const gate = deferred();
    const held = [queue.run(() => gate.promise), queue.run(() => gate.promise), queue.run(() => gate.promise)];
    expect(queue.refusalNow()).toBeInstanceOf(QueueFull);
    const refused = queue.run(() => gate.promise);
    await expect(refused).rejects.toBeInstanceOf(QueueFull);
    await expect(refused).rejects.toMatchObject({ retryAfterSeconds: 30 });
    gate.resolve();
    await Promise.all(held);
    await expect(queue.run(() => Promise.reject(new Error('broken image')))).rejects.toThrow('broken image');
    expect([queue.running, queue.waiting]).toEqual([0, 0]);
    expect(queue.refusalNow()).toBeNull();
  });

  it('never leaves a job waiting longer than its limit', async () => {
    vi.useFakeTimers();
    const queue = createWorkQueue({ concurrency: 1, maxWaiting: 5, maxWaitMs: 10_000 });
    const gate = deferred();
    const running = queue.run(() => gate.promise);
    const waiting = queue.run(async () => 'never');
    const outcome = expect(waiting).rejects.toBeInstanceOf(QueueFull);
    await vi.advanceTimersByTimeAsync(10_000);
    await outcome;
    expect(queue.waiting).toBe(0);
    gate.resolve();
    await running;
    expect(queue.running).toBe(0);
  });
});
