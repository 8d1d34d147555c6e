import { AsyncLocalStorage } from 'node:async_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { installRenderLeakGuard } from './render-leak-guard';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * The chain the guard breaks, in miniature: a "render" (an async context holding an
 * AbortController, as React's request holds its cache signal) aborts from a setImmediate callback
 * with an Error; the next Immediate in that turn belongs to another render. Something long-lived
 * holds the first render. Is the second one still alive once it is over?
 */
async function laterRenderOutlivesItself(): Promise<boolean> {
  const storage = new AsyncLocalStorage<{ controller: AbortController }>();
  const first = { controller: new AbortController() };
  let second: { controller: AbortController } | null = { controller: new AbortController() };
  const secondRef = new WeakRef(second);
  storage.run(first, () => {
    setImmediate(function finishRender() {
      storage.getStore()!.controller.abort(new Error('This render completed successfully.'));
    });
  });
  storage.run(second, () => setImmediate(function anotherRender() {}));
  second = null;
  await new Promise((resolve) => setTimeout(resolve, 10));
  // Later turns, so the Immediates above are done and nothing on the stack refers to them.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  await new Promise((resolve) => setTimeout(resolve, 10));
  collectGarbage();
  const alive = secondRef.deref() !== undefined;
  // `first` is the long-lived holder (a pool connection opened during that render, in Kiji's case).
  expect(first.controller.signal.aborted).toBe(true);
  return alive;
}

describe('the render leak guard', () => {
  it('is needed: without it, a finished render keeps the next render in its turn alive', async () => {
    expect(await laterRenderOutlivesItself()).toBe(true);
  });

  it('lets the later render be collected, and keeps the abort reason and its stack intact', async () => {
    installRenderLeakGuard();
    expect(await laterRenderOutlivesItself()).toBe(false);
    const controller = new AbortController();
    const reason = new Error('done');
    controller.abort(reason);
    expect(controller.signal.reason).toBe(reason);
    expect(reason.stack).toContain('render-leak-guard.test.ts');
  });
});
