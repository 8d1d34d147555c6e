import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../auth/actor';
import { saveArticle } from '../editorial/save';
import { blankFormValues, type ArticleFormValues } from '../articles/input';
import { db, disconnectDb } from '../platform/db';
import { reloadConfig } from '../platform/config';
import { verifySignature } from './webhook-signature';
import {
  backoffSeconds,
  createWebhookEndpoint,
  deliverDueWebhooks,
  listDeliveries,
  listWebhookEndpoints,
  postDelivery,
  sendAgain,
  setWebhookEndpointDisabled,
  updateWebhookEndpoint,
  WEBHOOK_EVENTS,
  WebhookInputError,
} from './webhooks';
import { userActor } from '../../scripts/test-support/integration';

type Received = { path: string; headers: Record<string, string | string[] | undefined>; body: string };
const received: Received[] = [];
let server: Server;
let origin: string;

/** Tests and local development let webhooks reach 127.0.0.1; each test that refuses it says so. */
const allowPrivate = (allowed: boolean) => {
  process.env.KIJI_ALLOW_PRIVATE_FETCH = allowed ? '1' : '0';
  reloadConfig();
};

beforeAll(async () => {
  allowPrivate(true);
  server = createServer((request, response) => {
    // A receiver that never answers: the sender's timeout must end the attempt.
    if (request.url === '/hang') return;
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
  Reflect.deleteProperty(process.env, 'KIJI_ALLOW_PRIVATE_FETCH');
  reloadConfig();
  server.closeAllConnections();
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

describe('webhook URLs', () => {
  it('refuse loopback, private and link-local addresses, by literal and after DNS resolution, unless KIJI_ALLOW_PRIVATE_FETCH=1', async () => {
    allowPrivate(false);
    try {
      const before = await db().webhookEndpoint.count();
      const port = new URL(origin).port;
      for (const url of [
        `${origin}/hook`,
        `http://localhost:${port}/hook`,
        'http://10.1.2.3/hook',
        'http://192.168.0.10/hook',
        'http://169.254.169.254/latest/meta-data',
        'http://[::1]/hook',
        'http://[::ffff:127.0.0.1]/hook',
      ]) {
        await expect(createWebhookEndpoint(cliActor, { url, events: ['article.published'] }), url).rejects.toThrow(
          WebhookInputError,
        );
      }
      await expect(
        createWebhookEndpoint(cliActor, { url: 'ftp://example.com/hook', events: ['article.published'] }),
      ).rejects.toThrow(WebhookInputError);
      expect(await db().webhookEndpoint.count()).toBe(before);
    } finally {
      allowPrivate(true);
    }
    const allowed = await createWebhookEndpoint(cliActor, { url: `${origin}/allowed`, events: ['article.published'] });
    expect(allowed.id).toBeGreaterThan(0);
    await setWebhookEndpointDisabled(cliActor, allowed.id, true);
  });

  it('are held to the same rule at each delivery, on the address the socket connects to: a name that now resolves inside is not sent to', async () => {
    await db().webhookEndpoint.updateMany({ data: { disabledAt: new Date() } });
    const port = new URL(origin).port;
    const endpoint = await createWebhookEndpoint(cliActor, {
      url: `http://localhost:${port}/inside`,
      events: ['article.published'],
    });
    const saved = await saveArticle(cliActor, { intent: 'publish', values: values('hook-inside', '内側への記事') });
    if (!saved.ok) throw new Error(saved.message);
    const before = received.length;
    allowPrivate(false);
    try {
      expect(await deliverDueWebhooks()).toEqual({ delivered: 0, failed: 1 });
    } finally {
      allowPrivate(true);
    }
    expect(received.length).toBe(before);
    const row = await db().webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(row).toMatchObject({ attempts: 1, deliveredAt: null, lastStatus: null });
    expect(row.lastError).toContain('内部のアドレス');
    await setWebhookEndpointDisabled(cliActor, endpoint.id, true);
  });
});

describe('each delivery', () => {
  it('is bounded by a timeout: a receiver that never answers ends the attempt with an error, not a hang', async () => {
    const outcome = await postDelivery(`${origin}/hang`, { 'Content-Type': 'application/json' }, '{}', 300);
    expect(outcome.status).toBeNull();
    expect(outcome.error).toContain('秒以内に答えがありませんでした');
  });

  it('is retried with exponential backoff, from 10 seconds to at most an hour', () => {
    expect([1, 2, 3, 4, 5].map(backoffSeconds)).toEqual([10, 20, 40, 80, 160]);
    expect(backoffSeconds(20)).toBe(3600);
  });
});

describe('the admins’ webhook dashboard', () => {
  const admin = userActor('webhook-admin', 'admin');

  it('is for admins only', async () => {
    const editor = userActor('webhook-editor', 'editor');
    await expect(listWebhookEndpoints(editor)).rejects.toThrow();
    await expect(
      createWebhookEndpoint(editor, { url: `${origin}/editor`, events: ['article.published'] }),
    ).rejects.toThrow();
  });

  it('changes an endpoint’s events and secret, stops and resumes it, lists its deliveries and sends one again with the same event id', async () => {
    await db().webhookEndpoint.updateMany({ data: { disabledAt: new Date() } });
    const endpoint = await createWebhookEndpoint(cliActor, {
      url: `${origin}/broken`,
      events: ['article.updated'],
    });
    // Only the events it hears: a publication is not article.updated.
    const first = await saveArticle(cliActor, { intent: 'publish', values: values('hook-admin', '管理の記事') });
    if (!first.ok) throw new Error(first.message);
    expect(await db().webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(0);

    const { secret } = await updateWebhookEndpoint(admin, endpoint.id, {
      url: `${origin}/broken`,
      events: ['article.updated', 'article.corrected'],
      rotate: true,
    });
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(endpoint.secret);
    const second = await saveArticle(cliActor, {
      id: first.id,
      baseVersion: first.version,
      intent: 'publish',
      values: values('hook-admin', '管理の記事（更新）'),
    });
    if (!second.ok) throw new Error(second.message);
    expect(await deliverDueWebhooks()).toEqual({ delivered: 0, failed: 1 });

    const [failing] = await listDeliveries(admin, endpoint.id);
    expect(failing).toMatchObject({ eventType: 'article.updated', state: 'retrying', attempts: 1, lastStatus: 500 });
    expect(failing!.lastAttemptAt).toBeInstanceOf(Date);
    const summary = (await listWebhookEndpoints(admin)).find((row) => row.id === endpoint.id)!;
    expect(summary).toMatchObject({ events: ['article.updated', 'article.corrected'], failing: 1, delivered: 0 });
    expect(JSON.stringify(summary)).not.toContain(secret!);

    // The receiver is mended; "send again" sends now, with the same event id and the new secret.
    await updateWebhookEndpoint(admin, endpoint.id, { url: `${origin}/mended`, events: ['article.updated'] });
    const before = received.length;
    const again = await sendAgain(admin, BigInt(failing!.id));
    expect(again).toMatchObject({ ok: true, delivered: true, status: 204 });
    const hit = received.at(-1)!;
    expect(received.length).toBe(before + 1);
    expect(hit.path).toBe('/mended');
    expect(hit.headers['kiji-event-id']).toBe(failing!.eventId);
    expect(verifySignature(String(hit.headers['kiji-signature']), hit.body, secret!)).toBe(true);
    expect((await listDeliveries(admin, endpoint.id))[0]).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(await db().auditEntry.count({ where: { action: 'webhook_send_again', targetId: failing!.id } })).toBe(1);

    // Stopped: it hears nothing new and is sent nothing, "send again" included.
    expect(await setWebhookEndpointDisabled(admin, endpoint.id, true)).toBe(true);
    const third = await saveArticle(cliActor, {
      id: first.id,
      baseVersion: second.version,
      intent: 'publish',
      values: values('hook-admin', '管理の記事（再更新）'),
    });
    if (!third.ok) throw new Error(third.message);
    expect(await db().webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(1);
    expect(await sendAgain(admin, BigInt(failing!.id))).toMatchObject({ ok: false });
    expect(await setWebhookEndpointDisabled(admin, endpoint.id, false)).toBe(true);
    expect(
      await db().auditEntry.findMany({
        where: { targetType: 'webhook', targetId: String(endpoint.id) },
        orderBy: { id: 'asc' },
        select: { action: true },
      }),
    ).toEqual([
      { action: 'webhook_create' },
      { action: 'webhook_update' },
      { action: 'webhook_update' },
      { action: 'webhook_disable' },
      { action: 'webhook_enable' },
    ]);
  });

  it('sends again a delivery that was given up after 24 hours', async () => {
    await db().webhookEndpoint.updateMany({ data: { disabledAt: new Date() } });
    const endpoint = await createWebhookEndpoint(cliActor, { url: `${origin}/late`, events: ['article.published'] });
    const saved = await saveArticle(cliActor, { intent: 'publish', values: values('hook-late', '遅れた記事') });
    if (!saved.ok) throw new Error(saved.message);
    await db().webhookDelivery.updateMany({
      where: { endpointId: endpoint.id },
      data: { createdAt: new Date(Date.now() - 25 * 3600_000), attempts: 12 },
    });
    expect(await deliverDueWebhooks()).toEqual({ delivered: 0, failed: 0 });
    const [given] = await listDeliveries(admin, endpoint.id);
    expect(given).toMatchObject({ state: 'given_up' });
    expect(await sendAgain(admin, BigInt(given!.id))).toMatchObject({ ok: true, delivered: true });
    expect(received.filter((hit) => hit.path === '/late')).toHaveLength(1);
  });
});
