import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postLiveUpdateRoute } from '../../app/api/v1/articles/[slug]/live-updates/route';
import { GET as getLiveUpdateRoute } from '../../app/api/v1/live-updates/[id]/route';
import { POST as postMedia } from '../../app/api/v1/media/route';
import { cliActor, ForbiddenError } from '../auth/actor';
import { approveHeldUpdate, editLiveUpdate, postLiveUpdate, rejectHeldUpdate, setLiveState } from '../articles/live';
import { getLiveCoverage, getLiveUpdate, getLiveUpdatesForMachines } from '../articles/live-reads';
import { readRendition } from '../articles/public-images';
import { storeImage } from '../media/images';
import { db, disconnectDb } from '../platform/db';
import { ensureUsers, publishArticle, userActor } from '../../scripts/test-support/integration';
import { createApiKey, type CreatedApiKey } from './keys';

/**
 * Live updates from the AI desk (issue #26, docs/decisions/0040), through the route handlers as a
 * pipeline calls them: held until an editor posts them, shown nowhere before, labelled AI-made.
 */

const editor = userActor('live-desk-editor');
const date = new Date('2026-12-06T09:00:00Z');
let pipeline: CreatedApiKey;
let other: CreatedApiKey;
let endpointId: number;

beforeAll(async () => {
  await ensureUsers(editor);
  pipeline = await createApiKey(cliActor, {
    name: 'ライブのパイプライン',
    scopes: ['live:write', 'media:write'],
    rateLimitPerMinute: 10_000,
  });
  other = await createApiKey(cliActor, { name: '別の鍵', scopes: ['live:write'], rateLimitPerMinute: 10_000 });
  const endpoint = await db().webhookEndpoint.create({
    data: {
      url: 'http://127.0.0.1:9/live-desk-test',
      secret: 'x'.repeat(32),
      events: ['live_update.state_changed'],
    },
    select: { id: true },
  });
  endpointId = endpoint.id;
});
afterAll(async () => {
  await db().webhookEndpoint.delete({ where: { id: endpointId } });
  await disconnectDb();
});

async function send(key: string, slug: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await postLiveUpdateRoute(
    new Request(`http://kiji.test/api/v1/articles/${slug}/live-updates`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({ slug }) },
  );
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** An AI-made image sent to /api/v1/media with a key, as the pipeline sends one. */
async function sendImage(key: string, bytes: Uint8Array, name: string, alt: string) {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(bytes)]), name);
  form.set('alt', alt);
  form.set('source', 'ai-generated');
  return postMedia(
    new Request('http://kiji.test/api/v1/media', {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}` },
      body: form,
    }),
    undefined,
  );
}

async function report(key: string, id: number) {
  const response = await getLiveUpdateRoute(
    new Request(`http://kiji.test/api/v1/live-updates/${id}`, { headers: { Authorization: `Bearer ${key}` } }),
    { params: Promise.resolve({ id: String(id) }) },
  );
  return { status: response.status, body: await response.json() };
}

async function events(updateId: number) {
  const rows = await db().webhookDelivery.findMany({
    where: { endpointId, eventType: 'live_update.state_changed' },
    orderBy: { id: 'asc' },
    select: { payload: true },
  });
  return rows
    .map((row) => (row.payload as { data: { updateId: number; state: string; url: string | null } }).data)
    .filter((data) => data.updateId === updateId)
    .map(({ state, url }) => ({ state, url }));
}

const jpeg = (background: string) =>
  sharp({ create: { width: 640, height: 400, channels: 3, background } })
    .jpeg()
    .toBuffer();

const liveArticle = (slug: string) => publishArticle(editor, slug, date, { kind: 'live' });

describe('a live update a pipeline sends', () => {
  it('is held and shown nowhere until an editor posts it; then it is the page’s newest, labelled AI-made, and the pipeline hears so', async () => {
    const slug = 'live-desk-held';
    await liveArticle(slug);
    await postLiveUpdate(editor, (await db().article.findUniqueOrThrow({ where: { slug } })).id, {
      body: '編集部の更新。',
    });
    const sent = await send(pipeline.key, slug, {
      heading: '気象庁の発表',
      body: '気象庁は午後6時に暴風警報を発表しました。',
      keyEvent: true,
      sources: [{ title: '気象庁', url: 'https://www.jma.go.jp/' }],
    });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ state: 'held' });
    const id = sent.body.id as number;
    expect(sent.headers.get('location')).toBe(`/api/v1/live-updates/${id}`);

    // Nowhere public: not in the page, not on its own page, not for machines.
    const before = await getLiveCoverage(slug, 1, false);
    expect(before!.updates.map((update) => update.paragraphs[0])).toEqual(['編集部の更新。']);
    expect(before!.keyEvents).toBe(0);
    expect(await getLiveUpdate(slug, id)).toBeNull();
    expect((await getLiveUpdatesForMachines(slug, 50)).map((update) => update.id)).not.toContain(id);
    expect((await report(pipeline.key, id)).body).toMatchObject({ state: 'held', url: null, postedAt: null });

    const approved = await approveHeldUpdate(editor, id);
    expect(approved.ok).toBe(true);
    const after = await getLiveCoverage(slug, 1, false);
    expect(after!.updates[0]).toMatchObject({
      id,
      heading: '気象庁の発表',
      keyEvent: true,
      disclosure: 'ai-generated',
    });
    expect(after!.keyEvents).toBe(1);
    const read = await report(pipeline.key, id);
    expect(read.body).toMatchObject({ state: 'published', slug });
    expect(read.body.url).toMatch(new RegExp(`/articles/${slug}/updates/${id}$`));
    expect(await events(id)).toEqual([
      { state: 'held', url: null },
      { state: 'published', url: read.body.url },
    ]);
    // Posted twice is refused, not a second version.
    expect(await approveHeldUpdate(editor, id)).toMatchObject({ ok: false });
  });

  it('turned down by an editor, is never shown and the pipeline hears so', async () => {
    const slug = 'live-desk-rejected';
    await liveArticle(slug);
    const sent = await send(pipeline.key, slug, { body: '確認できない情報。' });
    const id = sent.body.id as number;
    expect((await rejectHeldUpdate(editor, id)).ok).toBe(true);
    expect((await getLiveCoverage(slug, 1, false))!.total).toBe(0);
    expect((await report(pipeline.key, id)).body).toMatchObject({ state: 'rejected', url: null });
    expect(await events(id)).toEqual([
      { state: 'held', url: null },
      { state: 'rejected', url: null },
    ]);
    expect(await approveHeldUpdate(editor, id)).toMatchObject({ ok: false });
  });

  it('keeps its image from readers while held, and shows it once posted, labelled as the pipeline said it was made', async () => {
    const slug = 'live-desk-image';
    await liveArticle(slug);
    const media = await sendImage(pipeline.key, await jpeg('#3a6'), 'x.jpg', '冠水した道路');
    expect(media.status).toBe(201);
    const imageId = ((await media.json()) as { id: number }).id;
    const sent = await send(pipeline.key, slug, { body: '道路が冠水しています。', imageId });
    expect(sent.status).toBe(202);
    const rendition = await db().mediaRendition.findFirstOrThrow({ where: { imageId }, select: { name: true } });
    expect(await readRendition(imageId, rendition.name, 'reader')).toBeNull();
    expect(await approveHeldUpdate(editor, sent.body.id)).toMatchObject({ ok: true });
    expect(await readRendition(imageId, rendition.name, 'reader')).not.toBeNull();
    // The alt text the pipeline gave the image is the update's, and so is its kind: an AI-made
    // image is labelled so, not 〔写真〕.
    expect((await getLiveUpdate(slug, sent.body.id))!.image).toMatchObject({
      alt: '冠水した道路',
      source: 'ai-generated',
    });
  });

  it('may use only an image its own key sent, and cannot take one by sending the same bytes', async () => {
    const slug = 'live-desk-foreign-image';
    await liveArticle(slug);
    // An image an editor uploaded in the dashboard.
    const bytes = await jpeg('#a63');
    const theirs = await storeImage(editor, bytes, { source: 'photograph' });
    // Sending the same bytes does not make it the key's, nor give its files another kind.
    const again = await sendImage(pipeline.key, bytes, 'same.jpg', '同じ画像');
    expect(again.status).toBe(409);
    const stamped = await db().mediaImage.findUniqueOrThrow({ where: { id: theirs.id }, select: { xmpSource: true } });
    expect(stamped.xmpSource).toBe('photograph');
    const sent = await send(pipeline.key, slug, { body: '他人の画像。', imageId: theirs.id, imageAlt: '画像' });
    expect(sent.status).toBe(422);
    expect(sent.body.errors).toEqual([expect.objectContaining({ pointer: '/imageId' })]);
  });

  it('is labelled AI-made: a human label is refused, and an editor cannot relabel it as the editors’ own', async () => {
    const slug = 'live-desk-label';
    await liveArticle(slug);
    const human = await send(pipeline.key, slug, { body: '人が書いたと名乗る更新。', disclosure: 'human' });
    expect(human.status).toBe(422);
    expect(human.body.errors).toEqual([expect.objectContaining({ pointer: '/disclosure' })]);
    const unknown = await send(pipeline.key, slug, { body: '本文。', publishNow: true });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ pointer: '/publishNow' })]);

    const assisted = await send(pipeline.key, slug, { body: 'AIの補助で書いた更新。', disclosure: 'ai-assisted' });
    expect(assisted.status).toBe(202);
    const relabelled = await editLiveUpdate(editor, assisted.body.id, { body: '直した更新。', disclosure: 'human' });
    expect(relabelled).toMatchObject({ ok: false });
    expect(
      await editLiveUpdate(editor, assisted.body.id, { body: '直した更新。', disclosure: 'ai-assisted' }),
    ).toMatchObject({ ok: true });
  });

  it('refuses text that cannot be stored, an id past PostgreSQL’s int, unknown source fields and another charset, with problems not 500s', async () => {
    const slug = 'live-desk-unstorable';
    await liveArticle(slug);
    const cases: [unknown, string][] = [
      [{ body: 'NUL\u0000を含む' }, '/body'],
      [{ body: '本文。', heading: '見出し\u0000' }, '/heading'],
      [{ body: '本文。', imageId: 2_147_483_648 }, '/imageId'],
      [{ body: '本文。', sources: [{ title: '\udfff', url: 'https://a.jp/' }] }, '/sources/0/title'],
      [{ body: '本文。', sources: [{ title: '出典', url: 'https://a.jp/', note: 1 }] }, '/sources/0/note'],
    ];
    for (const [body, pointer] of cases) {
      const answer = await send(pipeline.key, slug, JSON.stringify(body));
      expect(answer.status, pointer).toBe(422);
      expect(answer.body.errors, pointer).toEqual([expect.objectContaining({ pointer })]);
    }
    const latin1 = await send(
      pipeline.key,
      slug,
      { body: '本文。' },
      { 'Content-Type': 'application/json; charset=iso-8859-1' },
    );
    expect(latin1.status).toBe(415);
  });

  it('answers a retry with the same Idempotency-Key once, and another body under it with 422', async () => {
    const slug = 'live-desk-retry';
    await liveArticle(slug);
    const body = { body: '一度だけ届く更新。' };
    const [first, second] = await Promise.all([
      send(pipeline.key, slug, body, { 'Idempotency-Key': 'live-retry-1' }),
      send(pipeline.key, slug, body, { 'Idempotency-Key': 'live-retry-1' }),
    ]);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.body.id).toBe(first.body.id);
    const article = await db().article.findUniqueOrThrow({ where: { slug }, select: { id: true } });
    expect(await db().liveUpdate.count({ where: { articleId: article.id } })).toBe(1);
    const changed = await send(pipeline.key, slug, { body: '別の内容。' }, { 'Idempotency-Key': 'live-retry-1' });
    expect(changed.status).toBe(422);
  });

  it('is refused for an article that is not live (404) and for coverage that has ended (409)', async () => {
    await publishArticle(editor, 'live-desk-not-live', date);
    expect((await send(pipeline.key, 'live-desk-not-live', { body: '本文。' })).status).toBe(404);
    const id = await liveArticle('live-desk-ended');
    await setLiveState(editor, id, 'ended');
    const ended = await send(pipeline.key, 'live-desk-ended', { body: '本文。' });
    expect(ended.status).toBe(409);
    expect(ended.headers.get('content-type')).toContain('application/problem+json');
  });

  it('is read back only by the key that sent it, and no key can post or turn one down', async () => {
    const slug = 'live-desk-keys';
    await liveArticle(slug);
    const sent = await send(pipeline.key, slug, { body: '鍵の試験。' });
    expect((await report(other.key, sent.body.id)).status).toBe(404);
    const asKey = {
      kind: 'integration',
      keyId: pipeline.id,
      name: 'ライブのパイプライン',
      scopes: ['live:write'],
    } as const;
    await expect(approveHeldUpdate(asKey, sent.body.id)).rejects.toThrow(ForbiddenError);
    await expect(rejectHeldUpdate(asKey, sent.body.id)).rejects.toThrow(ForbiddenError);
    // Nor can it post directly through the editors' way in: the writer leaves no key a published page.
    const article = await db().article.findUniqueOrThrow({ where: { slug }, select: { id: true } });
    await expect(postLiveUpdate(asKey, article.id, { body: '直接の投稿。' })).rejects.toThrow(ForbiddenError);
  });
});
