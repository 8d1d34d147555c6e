import type { ArticleChange } from '../../lib/cache-tags';

/**
 * After a command-line write, ask the running site (KIJI_REVALIDATE_URL, default SITE_URL) to expire
 * what changed. Without REVALIDATE_SECRET there is nothing to tell; pages refresh on their own schedule.
 */
export async function notifyRunningSite(change: ArticleChange): Promise<string> {
  const secret = process.env.REVALIDATE_SECRET;
  const base = process.env.KIJI_REVALIDATE_URL ?? process.env.SITE_URL;
  if (!secret || !base) return 'not notified (set REVALIDATE_SECRET and SITE_URL to refresh a running site at once)';
  try {
    const response = await fetch(new URL('/api/revalidate', base), {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify(change),
      signal: AbortSignal.timeout(5000),
    });
    return response.ok ? `refreshed ${base}` : `could not refresh ${base} (HTTP ${response.status})`;
  } catch (error) {
    return `could not reach ${base}: ${(error as Error).message}`;
  }
}
