/**
 * The shared store's contract (lib/cache/store.mjs): what the cache handler, the memo and the fast
 * path ask of it, in memory or in Redis. Types only, so the plain-JavaScript modules can name them
 * in JSDoc and the compiler checks both sides.
 */
export type StoredRecord = { lastModified: number; value: unknown; cacheControl?: unknown; tags: string[] };
export type MemoRecord = { value: unknown; tags: string[]; loadedAt: number };

export interface SharedStore {
  readonly kind: 'memory' | 'redis';
  getEntry(key: string): Promise<StoredRecord | null>;
  setEntry(key: string, record: StoredRecord): Promise<void>;
  keyForPath(pathname: string): Promise<string | null>;
  /** The expiry of each tag, and last that of EVERYTHING_TAG, which every entry depends on. */
  tagExpiries(tags: string[]): Promise<(number | undefined)[]>;
  expireTags(tags: string[], at: number): Promise<void>;
  /** With Redis: `up`, or `degraded` while its breaker keeps it away (lib/cache/store.mjs). */
  redisState?(): 'up' | 'degraded';
  getMemo(key: string): Promise<MemoRecord | null>;
  setMemo(key: string, record: MemoRecord, ttlMs: number): Promise<void>;
  close(): Promise<void>;
}
