/**
 * Node flags for Kiji's server, as `npm start` passes them (package.json repeats them there): a
 * capped V8 heap keeps the process's memory bounded (the benchmark's budget is 400 MB RSS) instead
 * of growing until the machine pushes back. V8 lets the heap grow towards its cap before it
 * collects in earnest, so RSS follows the cap, not what is live. At 100,000 articles, with the
 * in-memory cache full (KIJI_CACHE_MEMORY_MB, 64 MB by default), about 120 MB is live: 192 MB leaves
 * room, and measured the same render throughput as 256 with ~60 MB less RSS. Raise both together.
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=192', '--max-semi-space-size=8'];
