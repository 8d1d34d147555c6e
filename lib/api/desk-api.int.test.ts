import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postSubmission } from '../../app/api/v1/submissions/route';
import { POST as postMedia } from '../../app/api/v1/media/route';
import { GET as listArticles } from '../../app/api/v1/articles/route';
import { GET as getArticle } from '../../app/api/v1/articles/[slug]/route';
import { cliActor } from '../auth/actor';
import { saveArticle } from '../editorial/save';
import { db, disconnectDb } from '../platform/db';
import { articleFormValues, userActor } from '../../scripts/test-support/integration';
import { createApiKey, revokeApiKey, type CreatedApiKey } from './keys';
import { articleListSchema, publishedArticleSchema } from './articles-read';
import { setArticlesApiPublic } from './settings';

/**
 * The AI desk's media upload and read API (issue #24, docs/decisions/0034), through the route
 * handlers as a pipeline calls them.
 */

afterAll(disconnectDb);

let pipeline: CreatedApiKey;
let other: CreatedApiKey;
let reader: CreatedApiKey;
const admin = userActor('desk-api-admin', 'admin');

beforeAll(async () => {
  pipeline = await createApiKey(cliActor, {
    name: '画像も送るパイプライン',
    scopes: ['submissions:write', 'submissions:read', 'media:write'],
    rateLimitPerMinute: 10_000,
  });
  other = await createApiKey(cliActor, {
    name: '別のパイプライン',
    scopes: ['submissions:write', 'media:write'],
    rateLimitPerMinute: 10_000,
  });
  reader = await createApiKey(cliActor, { name: '読むだけ', scopes: ['articles:read'], rateLimitPerMinute: 10_000 });
});

const picture = (seed: number) =>
  sharp({ create: { width: 640, height: 400, channels: 3, background: { r: seed, g: 90, b: 160 } } })
    .jpeg()
    .toBuffer();

async function upload(key: string, fields: Record<string, string>, file?: Buffer | string) {
  const form = new FormData();
  if (file !== undefined) form.set('file', new Blob([typeof file === 'string' ? file : new Uint8Array(file)]), 'x.jpg');
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const request = new Request('http://kiji.test/api/v1/media', {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}` },
    body: form,
  });
  const response = await postMedia(request, undefined);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

async function submit(key: string, document: unknown) {
  const response = await postSubmission(
    new Request('http://kiji.test/api/v1/submissions', {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(document),
    }),
    undefined,
  );
  return { status: response.status, body: await response.json() };
}

const article = (n: number, extra: Record<string, unknown> = {}) => ({
  title: `画像つきの入稿 ${n}`,
  lead: '公開資料から組み立てた、画像つきの記事のリード文である。',
  disclosure: 'ai-generated',
  sections: [{ heading: '経緯', paragraphs: ['公開資料によれば、こうである。[1]'] }],
  sources: [{ title: '内閣府 発表資料', url: 'https://www.cao.go.jp/' }],
  category: 'society',
  slug: `desk-api-${n}`,
  generation: { model: 'kiji-writer', provider: 'Example AI', pipelineVersion: 'int' },
  ...extra,
});

const mediaCounts = async () => ({
  images: await db().mediaImage.count(),
  apiMedia: await db().apiMedia.count(),
  articles: await db().article.count(),
});

describe('POST /api/v1/media', () => {
  it('stores an image through the dashboard’s pipeline, with its alt text, caption, credit and how it was made, and a submission uses it', async () => {
    const sent = await upload(
      pipeline.key,
      { alt: '会見する担当者', caption: '12月5日の会見', credit: '内閣府', source: 'photograph' },
      await picture(10),
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({
      id: expect.any(Number),
      width: 640,
      height: 400,
      alt: '会見する担当者',
      caption: '12月5日の会見',
      credit: '内閣府',
      source: 'photograph',
    });
    expect(await db().mediaRendition.count({ where: { imageId: sent.body.id } })).toBeGreaterThan(1);

    const second = await upload(pipeline.key, { alt: 'AI が描いた図', source: 'ai-generated' }, await picture(11));
    expect(second.status).toBe(201);
    const submitted = await submit(
      pipeline.key,
      article(1, {
        leadImage: { id: sent.body.id },
        sections: [
          {
            heading: '経緯',
            paragraphs: ['公開資料によれば、こうである。[1]'],
            image: { id: second.body.id, caption: '入稿で添えた説明' },
          },
        ],
      }),
    );
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
    const row = await db().submission.findUniqueOrThrow({
      where: { id: submitted.body.id },
      include: { article: { include: { sections: true } } },
    });
    expect(row.article).toMatchObject({
      leadImageId: sent.body.id,
      leadImageAlt: '会見する担当者',
      leadImageCaption: '12月5日の会見',
      leadImageCredit: '内閣府',
    });
    expect(row.article.sections[0]).toMatchObject({
      imageId: second.body.id,
      imageAlt: 'AI が描いた図',
      imageCaption: '入稿で添えた説明',
    });
  });

  it('refuses another key’s image in a submission with 422 naming where, and writes nothing', async () => {
    const theirs = await upload(other.key, { alt: '別の鍵の画像', source: 'illustration' }, await picture(12));
    expect(theirs.status).toBe(201);
    const before = await mediaCounts();
    const refused = await submit(pipeline.key, article(2, { leadImage: { id: theirs.body.id } }));
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ pointer: '/leadImage/id' })]);
    expect(await mediaCounts()).toEqual(before);
  });

  it('refuses, as problem documents writing nothing: 401, 403, 415, 422 for a missing alt or source or file, and for bytes that are not an image', async () => {
    const bytes = await picture(13);
    const before = await mediaCounts();
    const cases: [Promise<{ status: number; headers: Headers; body: { errors?: { parameter: string }[] } }>, number][] =
      [
        [upload(`${pipeline.prefix}_${'x'.repeat(43)}`, { alt: 'a', source: 'photograph' }, bytes), 401],
        [upload(reader.key, { alt: 'a', source: 'photograph' }, bytes), 403],
        [upload(pipeline.key, { source: 'photograph' }, bytes), 422],
        [upload(pipeline.key, { alt: '説明', source: 'painting' }, bytes), 422],
        [upload(pipeline.key, { alt: '説明', source: 'photograph' }), 422],
        [upload(pipeline.key, { alt: '説明', source: 'photograph' }, 'これは画像ではない'), 422],
      ];
    const params: string[][] = [];
    for (const [pending, status] of cases) {
      const answer = await pending;
      expect(answer.status).toBe(status);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      params.push((answer.body.errors ?? []).map((error) => error.parameter));
    }
    expect(params.slice(2)).toEqual([['alt'], ['source'], ['file'], ['file']]);
    const notMultipart = await postMedia(
      new Request('http://kiji.test/api/v1/media', {
        method: 'POST',
        headers: { Authorization: `Bearer ${pipeline.key}`, 'Content-Type': 'image/jpeg' },
        body: new Uint8Array(bytes),
      }),
      undefined,
    );
    expect(notMultipart.status).toBe(415);
    expect(await mediaCounts()).toEqual(before);
  });
});

async function list(query = '', headers: Record<string, string> = { Authorization: `Bearer ${reader.key}` }) {
  const response = await listArticles(new Request(`http://kiji.test/api/v1/articles${query}`, { headers }), undefined);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function one(slug: string, headers: Record<string, string> = { Authorization: `Bearer ${reader.key}` }) {
  const response = await getArticle(new Request(`http://kiji.test/api/v1/articles/${slug}`, { headers }), {
    params: Promise.resolve({ slug }),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('GET /api/v1/articles', () => {
  beforeAll(async () => {
    for (let n = 1; n <= 5; n++) {
      const saved = await saveArticle(cliActor, {
        intent: 'publish',
        values: articleFormValues(`read-api-${n}`, new Date(Date.UTC(2026, 10, n)), {
          category: n % 2 ? 'world' : 'society',
          tags: n === 3 ? '読むAPI' : '',
        }),
      });
      if (!saved.ok) throw new Error(saved.message);
    }
    const draft = await saveArticle(cliActor, {
      intent: 'draft',
      values: articleFormValues('read-api-draft', new Date(Date.UTC(2026, 10, 6))),
    });
    if (!draft.ok) throw new Error(draft.message);
  });

  it('lists published articles only, in the import document’s shape with public URLs, a page at a time by cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(answer.status, answer.text).toBe(200);
      const page = articleListSchema.parse(JSON.parse(answer.text));
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((item) => item.slug));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(
      expect.arrayContaining(['read-api-1', 'read-api-2', 'read-api-3', 'read-api-4', 'read-api-5']),
    );
    expect(seen).not.toContain('read-api-draft');
    const published = await db().article.count({
      where: { status: 'published', deletedAt: null, publishedAt: { lte: new Date() } },
    });
    expect(seen).toHaveLength(published);

    const single = await one('read-api-3');
    expect(single.status).toBe(200);
    const document = publishedArticleSchema.parse(JSON.parse(single.text));
    expect(document).toMatchObject({
      slug: 'read-api-3',
      title: '記事 read-api-3',
      category: 'world',
      tags: ['読むAPI'],
      sections: [{ heading: '見出し', paragraphs: ['本文。'] }],
    });
    expect(document.url).toMatch(/\/articles\/read-api-3$/);
    expect(document.apiUrl).toMatch(/\/api\/v1\/articles\/read-api-3$/);
    expect((await one('read-api-draft')).status).toBe(404);
    expect((await one('no-such-article')).status).toBe(404);
  });

  it('filters by category, tag and updated_since', async () => {
    const slugs = async (query: string) =>
      articleListSchema.parse(JSON.parse((await list(query)).text)).data.map((item) => item.slug);
    const society = await slugs('?category=society&limit=100');
    expect(society).toEqual(expect.arrayContaining(['read-api-2', 'read-api-4']));
    expect(society).not.toContain('read-api-1');
    const tag = await db().tag.findFirstOrThrow({ where: { name: '読むAPI' }, select: { slug: true } });
    expect(await slugs(`?tag=${encodeURIComponent(tag.slug)}`)).toEqual(['read-api-3']);
    const newest = await db().article.findFirstOrThrow({ where: { slug: 'read-api-5' }, select: { updatedAt: true } });
    const since = await slugs(`?updated_since=${encodeURIComponent(newest.updatedAt.toISOString())}&limit=100`);
    expect(since).toContain('read-api-5');
    expect(since).not.toContain('read-api-1');
    const bad = await list('?updated_since=yesterday&colour=red');
    expect(bad.status).toBe(400);
    expect(
      JSON.parse(bad.text)
        .errors.map((error: { parameter: string }) => error.parameter)
        .sort(),
    ).toEqual(['colour', 'updated_since']);
  });

  it('answers its own ETag with 304, and allows any origin to read (CORS for GET)', async () => {
    const first = await list('?limit=3');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const again = await list('?limit=3', { Authorization: `Bearer ${reader.key}`, 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const single = await one('read-api-1');
    const cached = await one('read-api-1', {
      Authorization: `Bearer ${reader.key}`,
      'If-None-Match': single.headers.get('etag')!,
    });
    expect(cached.status).toBe(304);
    // A change is a new ETag.
    const row = await db().article.findFirstOrThrow({
      where: { slug: 'read-api-1' },
      select: { id: true, version: true },
    });
    const edited = await saveArticle(cliActor, {
      id: row.id,
      baseVersion: row.version,
      intent: 'publish',
      values: articleFormValues('read-api-1', new Date(Date.UTC(2026, 10, 1)), {
        lead: '書き換えたリード。',
        category: 'world',
      }),
    });
    expect(edited.ok).toBe(true);
    expect(
      (await one('read-api-1', { Authorization: `Bearer ${reader.key}`, 'If-None-Match': single.headers.get('etag')! }))
        .status,
    ).toBe(200);
  });

  it('needs a key with articles:read, unless an admin makes it public; a revoked key is refused either way', async () => {
    expect((await list('', {})).status).toBe(401);
    expect((await one('read-api-1', {})).status).toBe(401);
    expect((await list('', { Authorization: `Bearer ${pipeline.key}` })).status).toBe(403);
    await setArticlesApiPublic(admin, true);
    try {
      expect((await list('', {})).status).toBe(200);
      expect((await one('read-api-1', {})).status).toBe(200);
      const revoked = await createApiKey(cliActor, { name: '取り消す鍵', scopes: ['articles:read'] });
      await revokeApiKey(cliActor, revoked.id);
      expect((await list('', { Authorization: `Bearer ${revoked.key}` })).status).toBe(401);
      await expect(setArticlesApiPublic(userActor('desk-api-editor'), false)).rejects.toThrow();
    } finally {
      await setArticlesApiPublic(admin, false);
    }
    expect((await list('', {})).status).toBe(401);
  });
});
