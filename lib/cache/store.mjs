// @ts-check
// Plain JavaScript on purpose: Next loads its cache handler (./next-cache-handler.mjs) with a
// bare dynamic import, outside the TypeScript bundle. The proxy imports this same file, and both
// find one store per process on globalThis (one Map in memory, or one Redis connection). The
// compiler checks it (checkJs) against ./store-types.ts.
import { Redis } from 'ioredis';
import { log } from '../platform/logger.mjs';
import { metrics } from '../platform/metrics.mjs';
import { runtime } from '../platform/runtime.mjs';
import { CircuitBreaker, withTimeout } from './circuit-breaker.mjs';
import { reportCacheFailure } from './failures.mjs';
import { approximateBytes, isExpired, isRenderedResponse, pagePathname, pathnameOfKey } from './next-format.mjs';

/** @typedef {import('./store-types').SharedStore} SharedStore */
/** @typedef {import('./store-types').StoredRecord} StoredRecord */
/** @typedef {import('./store-types').MemoRecord} MemoRecord */

const DEFAULT_MEMORY_BYTES = 64 * 1024 * 1024;
const MAX_MEMO_ENTRIES = 5_000;
/** cacheTags.everything (lib/cache/tags.ts): every entry depends on it without naming it. */
export const EVERYTHING_TAG = '*';

/**
 * JSON that keeps the Buffers and Maps Next's cache entries hold (RSC payloads, segments).
 * @param {unknown} value
 */
export function encode(value) {
  return JSON.stringify(
    value,
    /** @this {any} */ function replace(key, plain) {
      const original = this[key];
      if (Buffer.isBuffer(original)) return { __kijiBuffer: original.toString('base64') };
      if (original instanceof Uint8Array) return { __kijiBuffer: Buffer.from(original).toString('base64') };
      if (original instanceof Map) return { __kijiMap: [...original.entries()] };
      return plain;
    },
  );
}

/** @param {string} text */
export function decode(text) {
  return JSON.parse(text, (_key, value) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (typeof value.__kijiBuffer === 'string') return Buffer.from(value.__kijiBuffer, 'base64');
      if (Array.isArray(value.__kijiMap)) return new Map(value.__kijiMap);
    }
    return value;
  });
}

/** `/route-cache/app-page/<hash>/$/articles/a` → `/articles/a`; the home page is `/index`. */
/**
 * One instance: entries and tag expiries in this process, least recently used evicted past a byte budget.
 * @implements {SharedStore}
 */
export class MemoryStore {
  /** @type {'memory'} */
  kind = 'memory';
  /** @type {Map<string, { record: StoredRecord; bytes: number }>} */
  entries = new Map();
  /** @type {Map<string, string>} */
  paths = new Map();
  /** @type {Map<string, number>} */
  tags = new Map();
  /** @type {Map<string, MemoRecord & { expires: number }>} */
  memo = new Map();
  bytes = 0;

  constructor(maxBytes = DEFAULT_MEMORY_BYTES) {
    this.maxBytes = maxBytes;
  }

  /** @param {string} key */
  async getEntry(key) {
    const hit = this.entries.get(key);
    if (!hit) return null;
    // Re-insert so the Map's order is least recently used first.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.record;
  }

  /** @param {string} key @param {StoredRecord} record */
  async setEntry(key, record) {
    const previous = this.entries.get(key);
    if (previous) this.bytes -= previous.bytes;
    this.entries.delete(key);
    const bytes = approximateBytes(record);
    this.entries.set(key, { record, bytes });
    this.bytes += bytes;
    const pathname = pathnameOfKey(key);
    if (pathname) this.paths.set(pathname, key);
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes || oldest === key) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }

  /** @param {string} pathname */
  async keyForPath(pathname) {
    return this.paths.get(pathname) ?? null;
  }

  /** @param {string[]} tags */
  async tagExpiries(tags) {
    return [...tags, EVERYTHING_TAG].map((tag) => this.tags.get(tag));
  }

  /** @param {string[]} tags @param {number} at */
  async expireTags(tags, at) {
    // An expiry never moves back: a late, older one (a backdated start) must not revive entries.
    for (const tag of tags) this.tags.set(tag, Math.max(at, this.tags.get(tag) ?? 0));
    // Forget memo entries at once, so the map never holds what can no longer be used.
    if (tags.includes(EVERYTHING_TAG)) {
      this.memo.clear();
      return;
    }
    const expired = new Set(tags);
    for (const [key, entry] of this.memo) if (entry.tags.some((tag) => expired.has(tag))) this.memo.delete(key);
  }

  /** @param {string} key */
  async getMemo(key) {
    const hit = this.memo.get(key);
    if (!hit || hit.expires <= Date.now()) return null;
    this.memo.delete(key);
    this.memo.set(key, hit);
    return hit;
  }

  /** @param {string} key @param {MemoRecord} record @param {number} ttlMs */
  async setMemo(key, record, ttlMs) {
    this.memo.delete(key);
    this.memo.set(key, { ...record, expires: Date.now() + ttlMs });
    // Least recently used first out: the hot articles stay, a crawler's long tail does not pile up.
    const oldest = this.memo.keys().next().value;
    if (this.memo.size > MAX_MEMO_ENTRIES && oldest !== undefined) this.memo.delete(oldest);
  }

  /**
   * Takes tag expiries read elsewhere (Redis), never moving one back: what this memory must know to
   * judge the entries it mirrors as Redis would.
   * @param {string[]} tags @param {(number | undefined)[]} expiries
   */
  learnExpiries(tags, expiries) {
    tags.forEach((tag, index) => {
      const at = expiries[index];
      if (typeof at === 'number' && at > (this.tags.get(tag) ?? 0)) this.tags.set(tag, at);
    });
  }

  /** Forgets everything: entries, paths, tag expiries and memo answers. */
  clear() {
    this.entries.clear();
    this.paths.clear();
    this.tags.clear();
    this.memo.clear();
    this.bytes = 0;
  }

  async close() {}
}

/**
 * Many instances: everything in one Redis, so a page rendered or expired by one instance is
 * served or re-rendered by all. Entries expire from Redis after a day unread at most (ENTRY_TTL_S),
 * so an abandoned page never pins memory forever.
 */
/** @implements {SharedStore} */
export class RedisStore {
  /** @type {'redis'} */
  kind = 'redis';
  static ENTRY_TTL_S = 24 * 60 * 60;
  /** @type {number | undefined} */
  lastErrorLog;
  /** @type {(() => void) | undefined} Called when the connection closes. */
  whenLost;

  /** @param {string} url */
  constructor(url, prefix = 'kiji:', { commandTimeoutMs = 250 } = {}) {
    this.prefix = prefix;
    this.redis = new Redis(url, {
      // A Redis outage must fail a request quickly (Next then renders), never hang it: every
      // command, queued while disconnected or sent, fails after commandTimeout.
      maxRetriesPerRequest: 1,
      commandTimeout: commandTimeoutMs,
      connectTimeout: 2_000,
      enableOfflineQueue: true,
      lazyConnect: false,
    });
    // A connection that closes is an outage at once: no request has to wait for a timeout to learn it.
    this.redis.on('close', () => this.whenLost?.());
    // Without a listener, a lost connection would be an unhandled 'error' event and end the process.
    this.redis.on('error', (error) => {
      const now = Date.now();
      if (!this.lastErrorLog || now - this.lastErrorLog > 10_000) {
        this.lastErrorLog = now;
        log.error('redis_failure', { message: error.message });
      }
    });
  }

  /** @param {string} key */
  async getEntry(key) {
    const text = await this.redis.get(`${this.prefix}entry:${key}`);
    return text === null ? null : decode(text);
  }

  /**
   * The render time of the entry Redis holds under a key, stored beside it: a few bytes to read,
   * where the entry is the whole page (decision 0037).
   * @param {string} key
   * @returns {Promise<number | null>}
   */
  async entryStamp(key) {
    const text = await this.redis.get(`${this.prefix}stamp:${key}`);
    return text === null ? null : Number(text);
  }

  /** @param {string} key @param {StoredRecord} record */
  async setEntry(key, record) {
    const pipeline = this.redis.multi();
    pipeline.set(`${this.prefix}entry:${key}`, encode(record), 'EX', RedisStore.ENTRY_TTL_S);
    pipeline.set(`${this.prefix}stamp:${key}`, String(record.lastModified), 'EX', RedisStore.ENTRY_TTL_S);
    const pathname = pathnameOfKey(key);
    if (pathname) pipeline.set(`${this.prefix}path:${pathname}`, key, 'EX', RedisStore.ENTRY_TTL_S);
    await pipeline.exec();
  }

  /** @param {string} pathname */
  async keyForPath(pathname) {
    return this.redis.get(`${this.prefix}path:${pathname}`);
  }

  /** @param {string[]} tags */
  async tagExpiries(tags) {
    const values = await this.redis.hmget(`${this.prefix}tags`, ...tags, EVERYTHING_TAG);
    return values.map((value) => (value === null ? undefined : Number(value)));
  }

  /** @param {string[]} tags @param {number} at */
  async expireTags(tags, at) {
    if (tags.length === 0) return;
    // An expiry never moves back: a late, older one (a backdated start) must not revive entries.
    await this.redis.eval(
      `for i = 2, #ARGV do
         local current = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
         if current < tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], ARGV[i], ARGV[1]) end
       end`,
      1,
      `${this.prefix}tags`,
      String(at),
      ...tags,
    );
  }

  /** @param {string} key */
  async getMemo(key) {
    const text = await this.redis.get(`${this.prefix}memo:${key}`);
    return text === null ? null : JSON.parse(text);
  }

  /** @param {string} key @param {MemoRecord} record @param {number} ttlMs */
  async setMemo(key, record, ttlMs) {
    await this.redis.set(`${this.prefix}memo:${key}`, JSON.stringify(record), 'PX', ttlMs);
  }

  async close() {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * An expiry that reached this process's memory but not Redis: the breaker's recovery covers it.
 * Known by its name, not instanceof: this module is loaded once per bundle in one process.
 */
export class SharedExpiryDeferred extends Error {
  name = 'SharedExpiryDeferred';
}

/** @param {unknown} error */
export function isSharedExpiryDeferred(error) {
  return error instanceof Error && error.name === 'SharedExpiryDeferred';
}

/**
 * Redis behind a circuit breaker, with this process's memory meanwhile (docs/decisions/0026).
 * Every Redis call is bounded by a timeout; after a few failures in a row (or one failed expiry)
 * the breaker opens, and for a while every read and write goes to a MemoryStore of this process:
 * pages render from the database and are kept here, and the change feed's expiries keep that
 * memory right. Tag expiries are always applied to the memory too, so it never serves what a
 * write expired while Redis was away.
 *
 * Recovery: once the breaker has been open `retryMs`, the next call (a reader's, or the health
 * check's) probes by expiring everything in Redis. Expiries this instance could not write while
 * Redis was away are not known one by one, so all of them are treated as having happened then:
 * everything Redis held from before is stale, and nobody is served a page an edit made during the
 * outage should have expired. Only when that expiry is written does the instance use Redis again.
 *
 * @implements {SharedStore}
 */
export class GuardedRedisStore {
  /** @type {'redis'} */
  kind = 'redis';
  /** @type {Promise<void> | null} */
  probing = null;

  /**
   * @param {Pick<SharedStore, 'getEntry' | 'setEntry' | 'keyForPath' | 'tagExpiries' | 'expireTags' | 'getMemo' | 'setMemo' | 'close'> & { whenLost?: () => void; entryStamp?: (key: string) => Promise<number | null> }} redis
   * @param {MemoryStore} memory
   * @param {{ timeoutMs?: number; retryMs?: number; failureThreshold?: number; now?: () => number }} [options]
   */
  constructor(redis, memory, { timeoutMs = 250, retryMs = 5_000, failureThreshold = 3, now } = {}) {
    this.redis = redis;
    this.memory = memory;
    this.timeoutMs = timeoutMs;
    this.breaker = new CircuitBreaker({ failureThreshold, openMs: retryMs, now });
    redis.whenLost = () => {
      if (this.breaker.trip()) this.opened(new Error('the connection to Redis closed'));
    };
  }

  // What this process holds in memory, for the memory metrics (lib/platform/metrics.mjs).
  get entries() {
    return this.memory.entries;
  }
  get memo() {
    return this.memory.memo;
  }
  get bytes() {
    return this.memory.bytes;
  }

  /** Redis as this instance sees it: `up`, or `degraded` while the breaker keeps it away. */
  redisState() {
    this.probeWhenDue();
    return this.breaker.allows() ? 'up' : 'degraded';
  }

  /** Starts the recovery probe in the background when the breaker has been open long enough. */
  probeWhenDue() {
    if (this.probing || !this.breaker.claimProbe()) return;
    const at = Date.now();
    this.probing = withTimeout(this.redis.expireTags([EVERYTHING_TAG], at), this.timeoutMs)
      .then(
        () => {
          this.breaker.probeSucceeded();
          // What this memory held was for the outage; Redis is the one store again, and the
          // mirror starts afresh, as expired as Redis now is.
          this.memory.clear();
          void this.memory.expireTags([EVERYTHING_TAG], at);
          log.info('redis_recovered', { message: 'Redis answers again: everything it held from before is expired' });
        },
        (error) => {
          this.breaker.failed();
          reportCacheFailure('redis-probe', error);
        },
      )
      .finally(() => {
        this.probing = null;
      });
  }

  /**
   * Runs `call` on Redis when the breaker allows it, within the timeout; else, or when it fails,
   * `fallback` on this process's memory.
   * @template T
   * @param {import('./failures.mjs').CacheFailureKind} kind
   * @param {(store: Pick<SharedStore, 'getEntry' | 'setEntry' | 'keyForPath' | 'tagExpiries' | 'expireTags' | 'getMemo' | 'setMemo'>) => Promise<T>} call
   * @returns {Promise<T>}
   */
  async guarded(kind, call) {
    this.probeWhenDue();
    if (!this.breaker.allows()) return call(this.memory);
    try {
      const value = await withTimeout(call(this.redis), this.timeoutMs);
      this.breaker.succeeded();
      return value;
    } catch (error) {
      reportCacheFailure(kind, error);
      if (this.breaker.failed()) this.opened(error);
      return call(this.memory);
    }
  }

  /** @param {unknown} error */
  opened(error) {
    log.error('redis_degraded', {
      message: `Redis failed (${error instanceof Error ? error.message : String(error)}): serving from this instance's memory and the database, trying Redis again in ${this.breaker.openMs} ms`,
    });
  }

  /**
   * While Redis answers, the pages it gives and takes are mirrored in this memory, with the tag
   * expiries read beside them, so that an outage starts with this instance's recent pages at hand
   * (judged as Redis judged them, and by every expiry heard since) instead of rendering them all.
   * @param {string} key @param {StoredRecord} record
   */
  mirror(key, record) {
    if (this.memory.entries.get(key)?.record.lastModified !== record.lastModified)
      void this.memory.setEntry(key, record);
  }

  /**
   * A page this instance already mirrors is not fetched and decoded again when Redis holds the same
   * render (its stamp says when it was made): a hit through Redis cost 2.9 ms of CPU, nearly all
   * of it moving and decoding the whole entry, against 0.13 ms from memory (decision 0037).
   * @param {string} key
   */
  getEntry(key) {
    return this.guarded('entry-read', async (store) => {
      if (store === this.redis && this.redis.entryStamp) {
        const mirrored = await this.memory.getEntry(key);
        if (mirrored && (await this.redis.entryStamp(key)) === mirrored.lastModified) return mirrored;
      }
      const record = await store.getEntry(key);
      if (record && store === this.redis) this.mirror(key, record);
      return record;
    });
  }

  /** @param {string} key @param {StoredRecord} record */
  setEntry(key, record) {
    return this.guarded('entry-write', async (store) => {
      await store.setEntry(key, record);
      if (store === this.redis) this.mirror(key, record);
    });
  }

  /** @param {string} pathname */
  keyForPath(pathname) {
    return this.guarded('entry-read', (store) => store.keyForPath(pathname));
  }

  /** @param {string[]} tags */
  tagExpiries(tags) {
    return this.guarded('tag-read', async (store) => {
      const expiries = await store.tagExpiries(tags);
      if (store === this.redis) this.memory.learnExpiries([...tags, EVERYTHING_TAG], expiries);
      return expiries;
    });
  }

  /**
   * Applied to this process's memory always, and to Redis when it can be. One that Redis did not
   * take opens the breaker at once (its recovery expires everything) and rejects with
   * SharedExpiryDeferred, so a writer can say what is not done yet.
   * @param {string[]} tags @param {number} at
   */
  async expireTags(tags, at) {
    await this.memory.expireTags(tags, at);
    this.probeWhenDue();
    if (!this.breaker.allows()) {
      throw new SharedExpiryDeferred(
        'Redis is unavailable: the expiry is applied on this instance, and Redis is expired whole when it answers again',
      );
    }
    try {
      await withTimeout(this.redis.expireTags(tags, at), this.timeoutMs);
      this.breaker.succeeded();
    } catch (error) {
      reportCacheFailure('tag-expire', error);
      if (this.breaker.trip()) this.opened(error);
      throw new SharedExpiryDeferred(
        `Redis did not take the expiry (${error instanceof Error ? error.message : String(error)}): it is expired whole when it answers again`,
      );
    }
  }

  /** @param {string} key */
  getMemo(key) {
    return this.guarded('memo-read', (store) => store.getMemo(key));
  }

  /** @param {string} key @param {MemoRecord} record @param {number} ttlMs */
  setMemo(key, record, ttlMs) {
    return this.guarded('memo-write', (store) => store.setMemo(key, record, ttlMs));
  }

  async close() {
    await this.redis.close();
  }
}

/**
 * The process's store: Redis when REDIS_URL is set (behind its breaker, with memory meanwhile),
 * else memory.
 * @returns {SharedStore}
 */
export function sharedStore() {
  const state = runtime();
  if (!state.store) {
    const url = process.env.REDIS_URL;
    const megabytes = Number(process.env.KIJI_CACHE_MEMORY_MB ?? '');
    const memory = new MemoryStore(
      Number.isFinite(megabytes) && megabytes > 0 ? megabytes * 1024 * 1024 : DEFAULT_MEMORY_BYTES,
    );
    const timeoutMs = positive(process.env.KIJI_REDIS_TIMEOUT_MS, 250);
    state.store = url
      ? new GuardedRedisStore(
          new RedisStore(url, process.env.KIJI_CACHE_PREFIX ?? 'kiji:', { commandTimeoutMs: timeoutMs }),
          memory,
          { timeoutMs, retryMs: positive(process.env.KIJI_REDIS_RETRY_MS, 5_000) },
        )
      : memory;
    if (url) metrics.redisAvailable(redisState);
  }
  return state.store;
}

/**
 * Redis as this process sees it, for the health answer and metrics: `none` without REDIS_URL.
 * @returns {'none' | 'up' | 'degraded'}
 */
export function redisState() {
  // Not instanceof: the store may have been made by another bundle's copy of this module.
  return sharedStore().redisState?.() ?? 'none';
}

/** @param {string | undefined} text @param {number} fallback */
function positive(text, fallback) {
  const value = Number(text ?? '');
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * The cached response for a public path, with its storage key, when it rendered without error and
 * none of its tags has expired since: what may still be served as it is.
 */
/** @param {string} pathname @returns {Promise<{ key: string; record: StoredRecord } | null>} */
export async function freshPage(pathname) {
  const store = sharedStore();
  const key = await store.keyForPath(pagePathname(pathname));
  if (!key) return null;
  const record = await store.getEntry(key);
  if (!record || !isRenderedResponse(record)) return null;
  return isExpired(await store.tagExpiries(record.tags), record.lastModified) ? null : { key, record };
}

/**
 * Whether a public page is in the cache and still valid: the proxy serves such a page while the
 * database is down, and answers 503 for everything else.
 */
/** @param {string} pathname */
export async function hasFreshPage(pathname) {
  return (await freshPage(pathname)) !== null;
}
