import type { SharedStore } from './store.mjs';

export declare function cacheRaceWindowMs(): number;

export default class KijiCacheHandler {
  store: SharedStore;
  raceWindowMs: number;
  constructor(context?: unknown);
  get(
    key: string,
    ctx: Record<string, unknown>,
  ): Promise<{ lastModified: number; value: unknown; cacheControl?: unknown } | null>;
  set(key: string, data: unknown, ctx: Record<string, unknown>): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
  resetRequestCache(): void;
}
