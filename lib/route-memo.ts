/**
 * A small in-process memo for the proxy's route checks. Next's data cache does not cache inside
 * the proxy, so without this every article or listing request would run its existence queries.
 * Entries live a moment (TTL) and carry cache tags: a write expires them at once in the instance
 * that made it (lib/revalidate.ts); other instances see it within the TTL.
 */
type Entry = { value: unknown; expires: number; tags: string[] };

const holder = globalThis as typeof globalThis & { kijiRouteMemo?: Map<string, Entry> };
const entries = (holder.kijiRouteMemo ??= new Map<string, Entry>());
const MAX_ENTRIES = 10_000;

export const ROUTE_MEMO_TTL_MS = Number(process.env.KIJI_ROUTE_MEMO_TTL_MS ?? 2_000);

export async function memoized<T>(key: string, tags: string[], load: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.expires > now) return hit.value as T;
  const value = await load();
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(key, { value, expires: now + ROUTE_MEMO_TTL_MS, tags });
  return value;
}

export function forgetTags(tags: string[]): void {
  const expired = new Set(tags);
  for (const [key, entry] of entries) if (entry.tags.some((tag) => expired.has(tag))) entries.delete(key);
}
