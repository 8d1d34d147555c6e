/**
 * Whether this process has been told to stop (SIGTERM or SIGINT) and is draining its requests.
 * No imports, and on globalThis, so the signal handler (lib/platform/shutdown.ts) and the health route,
 * which live in different bundles of one process, share it.
 */
const holder = globalThis as typeof globalThis & { kijiDraining?: boolean };

export function markDraining(): void {
  holder.kijiDraining = true;
}

export function isDraining(): boolean {
  return holder.kijiDraining === true;
}
