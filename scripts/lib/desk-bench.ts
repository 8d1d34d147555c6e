import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { cliActor } from '../../lib/auth/actor';
import { createApiKey } from '../../lib/api/keys';
import { createWebhookEndpoint, deliverDueWebhooks } from '../../lib/api/webhooks';
import { saveArticle } from '../../lib/editorial/save';
import { articleFormValues } from '../test-support/integration';
import { db } from '../../lib/platform/db';

/**
 * The AI desk's bench rows (issue #24, docs/decisions/0034). Not a test: machines are noisy.
 * - Submissions accepted per second by one running server, while readers load a cached article at
 *   the same time (target ≥ 50/s): autocannon POSTs distinct JSON articles with an integration key.
 * - Webhook delivery latency after commit (target p95 ≤ 2 s), with two senders — each as an instance
 *   runs it, ticking every second over its own claims (SKIP LOCKED) — and no event delivered twice:
 *   articles are published through the writer, and a local receiver notes when each event arrives.
 */

export const SUBMISSIONS_TARGET_PER_SECOND = 50;
export const WEBHOOK_P95_BUDGET_MS = 2_000;

export type SubmissionsBench = { accepted: number; perSecond: number; refused: number; readerRps: number };

const submission = (n: number, run: string) =>
  JSON.stringify({
    title: `ベンチの入稿 ${run}-${n}`,
    lead: `ベンチ用の入稿のリード文 ${n}。公開資料から組み立てた。`,
    disclosure: 'ai-generated',
    sections: [{ heading: '経緯', paragraphs: [`経緯の段落 ${n}。[1]`], cites: [1] }],
    sources: [{ title: '内閣府 発表資料', url: 'https://www.cao.go.jp/' }],
    category: 'society',
    slug: `bench-desk-${run}-${n}`,
    generation: { model: 'bench', provider: 'Kiji bench', pipelineVersion: run },
  });

/** Needs the server's database (to make a key) and the server at `base`; `articlePath` is what readers load. */
export async function measureSubmissions(
  base: string,
  articlePath: string,
  seconds: number,
  connections: number,
): Promise<SubmissionsBench> {
  const key = await createApiKey(cliActor, {
    name: `bench ${new Date().toISOString()}`,
    scopes: ['submissions:write'],
    rateLimitPerMinute: 100_000,
  });
  const run = Date.now().toString(36);
  let n = 0;
  const [writers, readers] = await Promise.all([
    autocannon({
      url: `${base}/api/v1/submissions`,
      duration: seconds,
      connections,
      requests: [
        {
          method: 'POST',
          headers: { Authorization: `Bearer ${key.key}`, 'Content-Type': 'application/json' },
          setupRequest: (request) => ({ ...request, body: submission((n += 1), run) }),
        },
      ],
    }),
    // Readers ask as browsers do, for a compressed page (as the site rows of npm run bench do).
    autocannon({
      url: `${base}${articlePath}`,
      duration: seconds,
      connections: Math.max(1, connections / 2),
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    }),
  ]);
  const accepted = await db().submission.count({ where: { apiKeyId: key.id } });
  return {
    accepted,
    perSecond: accepted / seconds,
    refused: writers.non2xx,
    readerRps: readers.requests.average,
  };
}

export type WebhookBench = { events: number; p50Ms: number; p95Ms: number; duplicates: number; missing: number };

/** Needs only the database (KIJI_ALLOW_PRIVATE_FETCH=1: the receiver is on 127.0.0.1). */
export async function measureWebhookLatency(articles: number): Promise<WebhookBench> {
  const arrivals = new Map<string, number[]>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = performance.now();
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { slug: string } };
      arrivals.set(event.data.slug, [...(arrivals.get(event.data.slug) ?? []), at]);
      response.statusCode = 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = await createWebhookEndpoint(cliActor, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bench`,
    events: ['article.published'],
  });
  // Two senders, as two instances run them: a tick a second, never overlapping its own last tick.
  let stop = false;
  const sender = async () => {
    while (!stop) {
      const tick = performance.now();
      await deliverDueWebhooks();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1_000 - (performance.now() - tick))));
    }
  };
  const senders = [sender(), sender()];
  const committed = new Map<string, number>();
  const run = Date.now().toString(36);
  try {
    for (let n = 0; n < articles; n++) {
      const slug = `bench-hook-${run}-${n}`;
      const saved = await saveArticle(cliActor, {
        intent: 'publish',
        values: articleFormValues(slug, new Date()),
      });
      if (!saved.ok) throw new Error(saved.message);
      committed.set(slug, performance.now());
      // Spread over time, as publications come.
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
    const deadline = performance.now() + 30_000;
    while (arrivals.size < articles && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    stop = true;
    await Promise.all(senders);
    await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { disabledAt: new Date() } });
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  const latencies = [...committed]
    .flatMap(([slug, at]) => (arrivals.get(slug) ? [arrivals.get(slug)![0]! - at] : []))
    .sort((a, b) => a - b);
  const quantile = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    events: latencies.length,
    p50Ms: Math.round(quantile(0.5)),
    p95Ms: Math.round(quantile(0.95)),
    duplicates: [...arrivals.values()].reduce((sum, times) => sum + times.length - 1, 0),
    missing: articles - latencies.length,
  };
}

export function submissionsBenchLine(bench: SubmissionsBench): string {
  return `- AI desk: ${bench.perSecond.toFixed(1)} submissions accepted per second by one instance while readers load a cached article (${bench.readerRps.toFixed(0)} req/s), target ≥ ${SUBMISSIONS_TARGET_PER_SECOND}/s${bench.refused ? `; ${bench.refused} refused` : ''}`;
}

export function webhookBenchLine(bench: WebhookBench): string {
  return `- Webhook delivery after commit, two senders: p50 ${bench.p50Ms} ms, p95 ${bench.p95Ms} ms (budget ${WEBHOOK_P95_BUDGET_MS} ms) over ${bench.events} events; ${bench.duplicates} delivered twice, ${bench.missing} missing`;
}
