/**
 * Node flags for Kiji's server, as `npm start` passes them (package.json repeats them there): a
 * capped V8 heap keeps the process's memory bounded (the benchmark's budget is 400 MB RSS) instead
 * of growing until the machine pushes back. The in-memory cache (KIJI_CACHE_MEMORY_MB, 64 MB by
 * default) lives inside this heap: raise both together.
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=256', '--max-semi-space-size=8'];
