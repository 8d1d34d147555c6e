import { Worker } from 'node:worker_threads';

/**
 * Readers who load one URL at a steady rate, over a few keep-alive connections, in a thread of
 * their own: the cached article of the live row (scripts/lib/live-bench.ts).
 *
 * Not autocannon, whose rate-limited mode (`overallRate`) reports nonsense once a server closes
 * its keep-alive connections: nginx closes one after 1,000 requests (`keepalive_requests`), and
 * from then on autocannon reported a median of ~450 ms and a p99 of ~970 ms for a cached page
 * that Node's own client, asking through the same nginx at the same time, got in ~1 ms (p99) —
 * with no other load at all (a 32 s run: p99 3 ms; 40 s: p50 379 ms; 65 s: p50 455 ms), and 300
 * requests a second over 10 connections cannot have a median of 450 ms with one request in flight
 * on each (docs/decisions/0044). Node's Agent opens a new connection when one is closed.
 *
 * Each request's latency runs from when it was due, not from when a connection was free, so a
 * server that falls behind is charged for the requests that waited (no coordinated omission).
 */
export type PacedResult = { requestsPerSecond: number; p50: number; p99: number; errors: number; non2xx: number };

// Plain JavaScript: a worker thread does not load TypeScript.
const WORKER_SOURCE = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, rate, seconds, connections } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const latencies = [];
let errors = 0, non2xx = 0, pending = 0, sent = 0;
const start = performance.now();
const interval = 1000 / rate;
function send(due) {
  pending++;
  const request = http.get(url, { agent }, (response) => {
    if (response.statusCode < 200 || response.statusCode > 299) non2xx++;
    response.resume();
    response.on('end', () => { latencies.push(performance.now() - due); done(); });
    response.on('error', () => { errors++; done(); });
  });
  request.setTimeout(10000, () => request.destroy(new Error('timeout')));
  request.on('error', () => { errors++; done(); });
}
let finished = false;
function done() {
  pending--;
  if (finished && pending === 0) {
    agent.destroy();
    const sorted = latencies.sort((a, b) => a - b);
    const at = (p) => sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
    parentPort.postMessage({
      requestsPerSecond: Math.round(sorted.length / seconds),
      p50: Math.round(at(50) * 10) / 10,
      p99: Math.round(at(99) * 10) / 10,
      errors, non2xx,
    });
  }
}
const timer = setInterval(() => {
  const now = performance.now();
  const elapsed = now - start;
  if (elapsed >= seconds * 1000) {
    clearInterval(timer);
    finished = true;
    pending++; done();
    return;
  }
  // Every request due by now is sent, each charged from the moment it was due.
  while (start + sent * interval <= now) send(start + sent++ * interval);
}, 1);
`;

export function pacedReaders(url: string, rate: number, seconds: number, connections = 10): Promise<PacedResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { url, rate, seconds, connections } });
    worker.once('message', (result: PacedResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
