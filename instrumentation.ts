export async function register() {
  // The scheduler runs in each server process, never during `next build`.
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startScheduler } = await import('./lib/scheduler');
  startScheduler();
}
