/**
 * A small client of Kiji's AI desk (docs/api.md), standing alone: Node 20+ and nothing else — it
 * imports nothing from Kiji. Use it as a library or from the command line:
 *
 *   KIJI_URL=https://kiji.example KIJI_KEY=kiji_… node --import tsx examples/desk-client.ts \
 *     submit prisma/seed/articles/000_860667d7943f974c.txt --source my-pipeline --external-id seed-1 \
 *     --model kiji-writer --provider "Example AI" --pipeline-version 2026.12.1 --no-sources-reason "…"
 *   … desk-client.ts wait <submission id> --until published,changes_requested
 *   WEBHOOK_SECRET=whsec_… … desk-client.ts receive 8787     # prints each verified webhook event
 *
 * `submit` sends a .json file as the JSON document (docs/submission.schema.json) and a .txt or .md
 * file as the newsroom's plain text or Markdown, with the submission's fields in the query.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Client = { baseUrl: string; key: string };

export type Generation = { model: string; provider: string; pipelineVersion: string };

export type SubmitOptions = {
  source: string;
  externalId: string;
  generation: Generation;
  noSourcesReason?: string;
  category?: string;
  slug?: string;
  idempotencyKey?: string;
};

export type Answer = { status: number; headers: Headers; body: Record<string, unknown> };

const TIMEOUT_MS = 15_000;

async function call(client: Client, path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(new URL(path, client.baseUrl), {
    ...init,
    headers: { Authorization: `Bearer ${client.key}`, ...(init.headers as Record<string, string>) },
    // Every call is bounded: a client that hangs is worse than one that fails.
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}

/** Submits an article file: JSON as the document, text or Markdown with the fields in the query. */
export async function submitFile(client: Client, file: string, options: SubmitOptions): Promise<Answer> {
  const bytes = await readFile(file);
  const headers: Record<string, string> = options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {};
  if (file.endsWith('.json')) {
    const document = {
      ...JSON.parse(bytes.toString('utf8')),
      source: options.source,
      externalId: options.externalId,
      generation: options.generation,
      ...(options.noSourcesReason ? { noSourcesReason: options.noSourcesReason } : {}),
      ...(options.category ? { category: options.category } : {}),
      ...(options.slug ? { slug: options.slug } : {}),
    };
    return call(client, '/api/v1/submissions', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(document),
    });
  }
  const query = new URLSearchParams({
    source: options.source,
    externalId: options.externalId,
    model: options.generation.model,
    provider: options.generation.provider,
    pipelineVersion: options.generation.pipelineVersion,
    ...(options.noSourcesReason ? { noSourcesReason: options.noSourcesReason } : {}),
    ...(options.category ? { category: options.category } : {}),
    ...(options.slug ? { slug: options.slug } : {}),
  });
  const type = file.endsWith('.md') ? 'text/markdown' : 'text/plain';
  return call(client, `/api/v1/submissions?${query}`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': `${type}; charset=utf-8` },
    body: bytes,
  });
}

/** Reads a submission until its state is one of `until` (or `timeoutMs` passes), reporting each change. */
export async function waitForState(
  client: Client,
  id: string,
  until: string[],
  { timeoutMs = 60_000, everyMs = 500, onChange = (_report: Record<string, unknown>) => {} } = {},
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  for (;;) {
    const answer = await call(client, `/api/v1/submissions/${id}`);
    if (answer.status !== 200) throw new Error(`GET submission: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    const state = String(answer.body.state);
    if (state !== last) onChange(answer.body);
    last = state;
    if (until.includes(state)) return answer.body;
    if (Date.now() > deadline) throw new Error(`still ${state} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * Verifies `Kiji-Signature: t=<unix seconds>,v1=<hex>`: HMAC-SHA256 with the endpoint's secret over
 * `<t>.<raw body>`, compared in constant time, refusing a timestamp older than the tolerance.
 */
export function verifySignature(header: string | null, rawBody: string, secret: string, toleranceSeconds = 300) {
  const parts = new Map(
    (header ?? '').split(',').map((part) => part.trim().split('=', 2) as [string, string | undefined]),
  );
  const t = Number(parts.get('t'));
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.get('v1') ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type ReceivedEvent = { id: string; type: string; data: Record<string, unknown>; verified: boolean; at: number };

/**
 * A webhook receiver: answers 204 to each correctly signed event (a receiver de-duplicates on the
 * event id: the same event may come twice), 401 to any other, and hands each to `onEvent`.
 */
export async function startReceiver(
  secret: () => string,
  onEvent: (event: ReceivedEvent) => void,
  port = 0,
): Promise<{ url: string; server: Server }> {
  const seen = new Set<string>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verified = verifySignature(String(request.headers['kiji-signature'] ?? ''), body, secret());
      response.statusCode = verified ? 204 : 401;
      response.end();
      if (!verified) return;
      const event = JSON.parse(body) as ReceivedEvent;
      if (seen.has(event.id)) return;
      seen.add(event.id);
      onEvent({ ...event, verified, at: Date.now() });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/kiji-webhook`, server };
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? undefined : args[at + 1];
}

async function main(argv: string[]): Promise<number> {
  const [command, target, ...rest] = argv;
  const client = { baseUrl: process.env.KIJI_URL ?? 'http://localhost:3000', key: process.env.KIJI_KEY ?? '' };
  if (command === 'submit' && target) {
    const answer = await submitFile(client, target, {
      source: option(rest, 'source') ?? 'example-client',
      externalId: option(rest, 'external-id') ?? target,
      generation: {
        model: option(rest, 'model') ?? 'example-model',
        provider: option(rest, 'provider') ?? 'Example AI',
        pipelineVersion: option(rest, 'pipeline-version') ?? 'example-1',
      },
      noSourcesReason: option(rest, 'no-sources-reason'),
      category: option(rest, 'category'),
      slug: option(rest, 'slug'),
      idempotencyKey: option(rest, 'idempotency-key'),
    });
    console.log(JSON.stringify({ status: answer.status, location: answer.headers.get('location'), ...answer.body }));
    return answer.status === 202 ? 0 : 1;
  }
  if (command === 'wait' && target) {
    const until = (option(rest, 'until') ?? 'published').split(',');
    const report = await waitForState(client, target, until, {
      onChange: (change) => console.error(`state: ${String(change.state)}`),
    });
    console.log(JSON.stringify(report));
    return 0;
  }
  if (command === 'receive') {
    const secret = process.env.WEBHOOK_SECRET ?? '';
    const { url } = await startReceiver(
      () => secret,
      (event) => console.log(JSON.stringify(event)),
      Number(target ?? 0),
    );
    console.error(`listening at ${url}`);
    return new Promise(() => {});
  }
  console.error(
    'usage: desk-client.ts submit FILE [--source S --external-id ID …] | wait ID [--until S,…] | receive [PORT]',
  );
  return 2;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
