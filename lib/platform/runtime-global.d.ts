// The one global Kiji declares: the holder of the runtime registry (lib/platform/runtime.mjs),
// shared by every bundle of the process. Typed, so that reaching it needs no cast.
// eslint-disable-next-line no-var -- a global is declared with `var`
declare var kijiRuntime: import('./runtime.mjs').Runtime | undefined;
// And the one global Kiji reads that is Next's: its incremental cache of the request under way,
// whose class lib/cache/size-check.mjs wraps (read through nextIncrementalCache() in runtime.mjs).
// eslint-disable-next-line no-var -- a global is declared with `var`
declare var __incrementalCache: object | undefined;
