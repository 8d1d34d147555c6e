import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Publishes scheduled articles when their time comes, with nobody acting and across restarts
 * (the schedule lives in the database). Cache expiry only works inside a request, so each tick
 * is a request to this same process's /api/internal/publish-due, guarded by a per-process token.
 */
export const SCHEDULER_INTERVAL_MS = Number(process.env.KIJI_SCHEDULER_INTERVAL_MS ?? 10_000);

function internalToken(): string {
  process.env.KIJI_INTERNAL_TOKEN ??= randomBytes(24).toString('hex');
  return process.env.KIJI_INTERNAL_TOKEN;
}

export function isInternalRequest(request: Request): boolean {
  const given = Buffer.from(request.headers.get('authorization') ?? '');
  const expected = Buffer.from(`Bearer ${internalToken()}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function tick(): Promise<void> {
  const port = process.env.PORT ?? '3000';
  try {
    await fetch(`http://127.0.0.1:${port}/api/internal/publish-due`, {
      method: 'POST',
      headers: { authorization: `Bearer ${internalToken()}` },
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    // The server may not listen yet, or the database may be down: the next tick tries again.
  }
}

const holder = globalThis as typeof globalThis & { kijiScheduler?: NodeJS.Timeout };

export function startScheduler(): void {
  if (holder.kijiScheduler || SCHEDULER_INTERVAL_MS <= 0) return;
  internalToken();
  holder.kijiScheduler = setInterval(() => void tick(), SCHEDULER_INTERVAL_MS);
  holder.kijiScheduler.unref();
  setTimeout(() => void tick(), 2_000).unref();
}

/** No new ticks once the process is shutting down; a tick in flight finishes as a request. */
export function stopScheduler(): void {
  if (holder.kijiScheduler) clearInterval(holder.kijiScheduler);
}
