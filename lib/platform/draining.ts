import { runtime } from './runtime.mjs';

/**
 * Whether this process has been told to stop (SIGTERM or SIGINT) and is draining its requests.
 * In the runtime registry, so the shutdown path (the `health` stage of lib/platform/startup.ts) and the health
 * route, which live in different bundles of one process, share it.
 */
export function markDraining(): void {
  runtime().draining = true;
}

export function isDraining(): boolean {
  return runtime().draining;
}
