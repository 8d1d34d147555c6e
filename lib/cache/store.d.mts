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
  getMemo(key: string): Promise<MemoRecord | null>;
  setMemo(key: string, record: MemoRecord, ttlMs: number): Promise<void>;
  close(): Promise<void>;
}

export declare class MemoryStore implements SharedStore {
  readonly kind: 'memory';
  constructor(maxBytes?: number);
  getEntry: SharedStore['getEntry'];
  setEntry: SharedStore['setEntry'];
  keyForPath: SharedStore['keyForPath'];
  tagExpiries: SharedStore['tagExpiries'];
  expireTags: SharedStore['expireTags'];
  getMemo: SharedStore['getMemo'];
  setMemo: SharedStore['setMemo'];
  close: SharedStore['close'];
}

export declare class RedisStore implements SharedStore {
  readonly kind: 'redis';
  constructor(url: string, prefix?: string);
  getEntry: SharedStore['getEntry'];
  setEntry: SharedStore['setEntry'];
  keyForPath: SharedStore['keyForPath'];
  tagExpiries: SharedStore['tagExpiries'];
  expireTags: SharedStore['expireTags'];
  getMemo: SharedStore['getMemo'];
  setMemo: SharedStore['setMemo'];
  close: SharedStore['close'];
}

export declare const EVERYTHING_TAG: '*';
export declare function encode(value: unknown): string;
export declare function decode(text: string): unknown;
export declare function pathnameOfKey(key: string): string | null;
export declare function pagePathname(pathname: string): string;
export declare function isExpired(expiries: (number | undefined)[], since: number, now?: number): boolean;
export declare function sharedStore(): SharedStore;
export declare function entryTags(value: unknown, ctxTags?: string[]): string[];
export declare function freshPage(pathname: string): Promise<{ key: string; record: StoredRecord } | null>;
export declare function hasFreshPage(pathname: string): Promise<boolean>;
