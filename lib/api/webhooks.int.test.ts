import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../auth/actor';
import { saveArticle } from '../editorial/editing';
import { blankFormValues, type ArticleFormValues } from '../articles/input';
import { db, disconnectDb } from '../platform/db';
import { verifySignature } from './webhook-signature';
import { createWebhookEndpoint, deliverDueWebhooks, WEBHOOK_EVENTS } from './webhooks';

type Received = { path: string; headers: Record<string, string | string[] | undefined>; body: string };
const received: Received[] = [];
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body });
      response.statusCode = request.url === '/broken' ? 500 : 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await disconnectDb();
});

const values = (slug: string, title: string): ArticleFormValues => ({
  ...blankFormValues(new Date('2026-12-01T00:00:00Z')),
  title,
  slug,
  lead: `${title}のリード。`,
  sections: [{ heading: '見出し', body: '本文。', cites: '' }],
  sources: [{ title: '内閣府', url: 'https://www.cao.go.jp/', publisher: '', date: '' }],
});

describe('webhooks', () => {
  it('are written to the outbox in the save’s transaction, signed, sent after commit, once each across parallel senders', async () => {
    const endpoint = await createWebhookEndpoint(cliActor, { url: `${origin}/hook`, events: [...WEBHOOK_EVENTS] });
    const draft = await saveArticle(cliActor, { intent: 'draft', values: values('hook-1', 'フックの記事') });
    if (!draft.ok) throw new Error(draft.message);
    expect(await db().webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(0);

    const published = await saveArticle(cliActor, {
      id: draft.id,
      baseVersion: draft.version,
      intent: 'publish',
      values: values('hook-1', 'フックの記事'),
    });
    if (!published.ok) throw new Error(published.message);
    const refused = await saveArticle(cliActor, {
      id: draft.id,
      baseVersion: 1,
      intent: 'publish',
      values: values('hook-1', '古い版からの保存'),
    });
    expect(refused.ok).toBe(false);
    const updated = await saveArticle(cliActor, {
      id: draft.id,
      baseVersion: published.version,
      intent: 'publish',
      values: values('hook-1', 'フックの記事（更新）'),
    });
    if (!updated.ok) throw new Error(updated.message);
    const outbox = await db().webhookDelivery.findMany({ where: { endpointId: endpoint.id }, orderBy: { id: 'asc' } });
    expect(outbox.map((row) => row.eventType)).toEqual(['article.published', 'article.updated']);

    const results = await Promise.all([deliverDueWebhooks(), deliverDueWebhooks(), deliverDueWebhooks()]);
    expect(results.reduce((sum, result) => sum + result.delivered, 0)).toBe(2);
    expect(received).toHaveLength(2);
    const first = received.find((request) => request.headers['kiji-event-type'] === 'article.published')!;
    const payload = JSON.parse(first.body);
    expect(payload).toMatchObject({
      type: 'article.published',
      data: { slug: 'hook-1', url: expect.stringContaining('/articles/hook-1') },
    });
    expect(first.headers['kiji-event-id']).toBe(payload.id);
    expect(verifySignature(String(first.headers['kiji-signature']), first.body, endpoint.secret)).toBe(true);
    expect(await deliverDueWebhooks()).toEqual({ delivered: 0, failed: 0 });
  });

  it('retry a failing endpoint later, with backoff, recording its answer', async () => {
    await db().webhookEndpoint.updateMany({ data: { disabledAt: new Date() } });
    await createWebhookEndpoint(cliActor, { url: `${origin}/broken`, events: ['article.published'] });
    const saved = await saveArticle(cliActor, { intent: 'publish', values: values('hook-2', '届かないフック') });
    if (!saved.ok) throw new Error(saved.message);
    const before = received.length;
    expect(await deliverDueWebhooks()).toEqual({ delivered: 0, failed: 1 });
    expect(received.length).toBe(before + 1);
    const row = await db().webhookDelivery.findFirstOrThrow({ where: { endpoint: { url: `${origin}/broken` } } });
    expect(row).toMatchObject({ attempts: 1, lastStatus: 500, deliveredAt: null });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 5_000);
    expect(await deliverDueWebhooks()).toEqual({ delivered: 0, failed: 0 });
  });
});

describe('the webhook sender', () => {
  it('sends what a save wrote to the outbox by itself, with no one calling it, and stops when told', async () => {
    const { startWebhookSender, stopWebhookSender } = await import('./webhook-sender');
    const endpoint = await createWebhookEndpoint(cliActor, { url: `${origin}/sender`, events: ['article.published'] });
    startWebhookSender();
    try {
      const published = await saveArticle(cliActor, {
        intent: 'publish',
        values: values('hook-sender', '送り手の記事'),
      });
      if (!published.ok) throw new Error(published.message);
      // Waits for the event itself, not for a time: the receiver records it when it arrives.
      await expect.poll(() => received.filter((hit) => hit.path === '/sender').length, { timeout: 20_000 }).toBe(1);
      const delivery = await db().webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
      expect(delivery.deliveredAt).not.toBeNull();
    } finally {
      await stopWebhookSender();
    }
  });
});
