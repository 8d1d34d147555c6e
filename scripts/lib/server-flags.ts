/**
 * Node flags for Kiji's server, as `npm start` passes them (package.json repeats them there): a
 * capped V8 heap keeps the process's memory bounded (the benchmark's budget is 400 MB RSS) instead
 * of growing until the machine pushes back. V8 lets the heap grow towards its cap before it
 * collects in earnest, so RSS follows the cap, not what is live. At 100,000 articles, with the
 * in-memory cache full (KIJI_CACHE_MEMORY_MB, 64 MB by default), about 120 MB is live: 192 MB leaves
 * room, and measured the same render throughput as 256 with ~60 MB less RSS. Raise both together.
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=192', '--max-semi-space-size=8'];

/**
 * glibc's allocator, tuned for a long-running Node server (docs/decisions/0019): at most two
 * arenas, allocations of 64 KiB and more from mmap (given back when freed), and the top of the
 * heap trimmed from 128 KiB. Untuned, native allocations (zlib streams for compression, Argon2's
 * 19 MiB per password check, socket buffers) fragment the main arena and per-thread arenas: after
 * five minutes of mixed traffic at 100,000 articles RSS stood at ~560 MB, ~190 MB of it the main
 * arena alone; tuned, ~330 MB. Read by the dynamic loader at start, so it must be in the
 * environment the server is started with; an operator's own GLIBC_TUNABLES wins.
 */
export const SERVER_MALLOC_TUNABLES =
  'glibc.malloc.arena_max=2:glibc.malloc.mmap_threshold=65536:glibc.malloc.trim_threshold=131072';

export function serverEnvironment<E extends Record<string, string | undefined>>(
  env: E,
): E & { GLIBC_TUNABLES: string } {
  return { ...env, GLIBC_TUNABLES: env.GLIBC_TUNABLES ?? SERVER_MALLOC_TUNABLES };
}
