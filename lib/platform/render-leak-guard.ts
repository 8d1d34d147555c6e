import { runtime } from './runtime.mjs';

/**
 * Every React Server Components render ends by aborting its cache signal with an Error. V8 keeps
 * an Error's stack as raw frames, receivers included, until something reads `error.stack`; React
 * aborts from a setImmediate callback, so the receiver is that Immediate, and Node leaves each
 * Immediate linked to the next ones queued in the same turn, which belong to later requests, whose
 * abort reasons hold their own Immediates. Once anything long-lived holds one render's context (a
 * pool connection opened during a render does), that chain keeps every later render alive: the
 * search page, rendered on every request, ran the heap out in about a minute
 * (docs/decisions/0010-render-memory.md).
 *
 * Reading the stack of an Error used as an abort reason formats it once and lets V8 drop the raw
 * frames, which breaks the chain. It costs one stack formatting per render.
 */

/**
 * Kiji's server installs it before Next loads (the `next` stage of its start-up story,
 * scripts/serve.ts), in production and development alike. The one monkey-patch Kiji keeps on a global prototype: its test is
 * lib/platform/render-leak-guard.test.ts, its measurement e2e/memory.spec.ts.
 */
export function installRenderLeakGuard(): void {
  const state = runtime();
  if (state.renderLeakGuardInstalled) return;
  state.renderLeakGuardInstalled = true;
  const abort = AbortController.prototype.abort;
  AbortController.prototype.abort = function abortWithFormattedReason(this: AbortController, reason?: unknown) {
    if (reason instanceof Error) void reason.stack;
    return abort.call(this, reason);
  };
}
