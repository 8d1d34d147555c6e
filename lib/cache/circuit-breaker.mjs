// @ts-check
// A circuit breaker for the shared store's Redis (./store.mjs GuardedRedisStore). Plain JavaScript:
// the cache handler Next loads outside the bundle uses the store, and so this.

/**
 * - closed: calls go through. `failureThreshold` failures in a row open it; so does `trip()`, for
 *   a failure that cannot wait for more (an expiry Redis never heard).
 * - open: no calls for `openMs`. Then one caller claims the probe (half-open).
 * - half-open: everyone else still stays away; the probe's success closes it, its failure opens it
 *   again for another `openMs`.
 * A call that was let through while closed and answers after the breaker opened does not close it:
 * only a probe does, so recovery always runs the probe's work first.
 */
export class CircuitBreaker {
  /** @type {'closed' | 'open' | 'half-open'} */
  state = 'closed';
  failures = 0;
  openedAt = 0;
  /** How many times it has opened, for metrics. */
  openings = 0;

  /** @param {{ failureThreshold?: number; openMs?: number; now?: () => number }} [options] */
  constructor({ failureThreshold = 3, openMs = 5_000, now = () => Date.now() } = {}) {
    this.failureThreshold = failureThreshold;
    this.openMs = openMs;
    this.now = now;
  }

  /** Whether a call may go through now. */
  allows() {
    return this.state === 'closed';
  }

  /** Whether this caller is to probe now: true once per open period, when it has run its course. */
  claimProbe() {
    if (this.state !== 'open' || this.now() - this.openedAt < this.openMs) return false;
    this.state = 'half-open';
    return true;
  }

  /** A call let through while closed answered. */
  succeeded() {
    if (this.state === 'closed') this.failures = 0;
  }

  /** A call failed; returns true when this failure opened the breaker. */
  failed() {
    if (this.state === 'half-open') return this.open();
    if (this.state !== 'closed') return false;
    this.failures += 1;
    return this.failures >= this.failureThreshold ? this.open() : false;
  }

  /** Opens at once, whatever the count; returns true when it was closed. */
  trip() {
    return this.state === 'open' ? false : this.open();
  }

  /** The probe answered: calls go through again. */
  probeSucceeded() {
    this.state = 'closed';
    this.failures = 0;
  }

  /** @returns {boolean} */
  open() {
    const wasClosed = this.state === 'closed';
    this.state = 'open';
    this.openedAt = this.now();
    this.failures = 0;
    if (wasClosed) this.openings += 1;
    return wasClosed;
  }
}

/**
 * Settles as the promise does, or rejects after `ms`.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @returns {Promise<T>}
 */
export function withTimeout(promise, ms) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref?.();
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout])).finally(() => clearTimeout(timer));
}
