// The one global Kiji declares: the holder of the runtime registry (lib/platform/runtime.mjs),
// shared by every bundle of the process. Typed, so that reaching it needs no cast.
// eslint-disable-next-line no-var -- a global is declared with `var`
declare var kijiRuntime: import('./runtime.mjs').Runtime | undefined;
