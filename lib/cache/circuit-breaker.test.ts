import { describe, expect, it } from 'vitest';
import { CircuitBreaker, withTimeout } from './circuit-breaker.mjs';

const clock = () => {
  let now = 1_000_000;
  return { now: () => now, pass: (ms: number) => (now += ms) };
};

describe('the circuit breaker', () => {
  it('lets calls through until failures in a row reach the threshold, and a success in between resets the count', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3, openMs: 5_000 });
    expect(breaker.failed()).toBe(false);
    expect(breaker.failed()).toBe(false);
    breaker.succeeded();
    expect(breaker.failed()).toBe(false);
    expect(breaker.failed()).toBe(false);
    expect(breaker.allows()).toBe(true);
    expect(breaker.failed()).toBe(true);
    expect(breaker.allows()).toBe(false);
    expect(breaker.openings).toBe(1);
  });

  it('stops calling for its open time, then lets exactly one probe through', () => {
    const time = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 5_000, now: time.now });
    breaker.failed();
    time.pass(4_999);
    expect(breaker.claimProbe()).toBe(false);
    time.pass(1);
    expect(breaker.claimProbe()).toBe(true);
    expect(breaker.claimProbe()).toBe(false);
    expect(breaker.allows()).toBe(false);
  });

  it('closes only when the probe succeeds; a failed probe opens it for another period', () => {
    const time = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 1_000, now: time.now });
    breaker.failed();
    time.pass(1_000);
    expect(breaker.claimProbe()).toBe(true);
    breaker.failed();
    expect(breaker.state).toBe('open');
    time.pass(999);
    expect(breaker.claimProbe()).toBe(false);
    time.pass(1);
    expect(breaker.claimProbe()).toBe(true);
    // A call let through before it opened, answering late, does not close it.
    breaker.succeeded();
    expect(breaker.allows()).toBe(false);
    breaker.probeSucceeded();
    expect(breaker.allows()).toBe(true);
    expect(breaker.openings).toBe(1);
  });

  it('opens at once when tripped, whatever the count', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 5 });
    expect(breaker.trip()).toBe(true);
    expect(breaker.allows()).toBe(false);
    expect(breaker.trip()).toBe(false);
  });
});

describe('a bounded call', () => {
  it('answers as the call does, or fails once its time is up', async () => {
    await expect(withTimeout(Promise.resolve('answer'), 50)).resolves.toBe('answer');
    await expect(withTimeout(new Promise(() => {}), 20)).rejects.toThrow('no answer within 20 ms');
  });
});
