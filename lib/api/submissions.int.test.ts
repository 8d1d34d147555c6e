import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '../../app/api/v1/submissions/route';
import { GET } from '../../app/api/v1/submissions/[id]/route';
import { cliActor } from '../auth/actor';
import { getArticleForEdit, saveArticle } from '../editorial/save';
import { db, disconnectDb } from '../platform/db';
import { BODY_LIMITS } from '../routes/registry';
import { createApiKey, type CreatedApiKey } from './keys';
import { recordSnapshot } from '../articles/snapshots/store';

afterAll(disconnectDb);

const ROOT = path.resolve(import.meta.dirname, '../..');
const SEED_TEXT = new Uint8Array(readFileSync(path.join(ROOT, 'prisma/seed/articles/000_860667d7943f974c.txt')));
const SEED_MARKDOWN = readFileSync(path.join(ROOT, 'prisma/seed/articles/101_demo-typhoon-rail.md'), 'utf8');

let writer: CreatedApiKey;
let reader: CreatedApiKey;

beforeAll(async () => {
  writer = await createApiKey(cliActor, {
    name: 'パイプライン',
    scopes: ['submissions:write', 'submissions:read'],
    rateLimitPerMinute: 10_000,
  });
  reader = await createApiKey(cliActor, { name: '読むだけ', scopes: ['submissions:read'] });
});

type Post = {
  key?: string | null;
  contentType?: string;
  idempotencyKey?: string;
  query?: string;
  body: string | Uint8Array<ArrayBuffer>;
};

async function post({ key = writer.key, contentType = 'application/json', idempotencyKey, query = '', body }: Post) {
  const headers: Record<string, string> = { 'Content-Type': contentType };
  if (key) headers.Authorization = `Bearer ${key}`;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  const response = await POST(
    new Request(`http://kiji.test/api/v1/submissions${query}`, { method: 'POST', headers, body }),
    undefined,
  );
  return { status: response.status, headers: response.headers, body: await response.json() };
}

async function get(location: string, key = writer.key) {
  const id = location.split('/').at(-1)!;
  const response = await GET(
    new Request(`http://kiji.test${location}`, { headers: { Authorization: `Bearer ${key}` } }),
    {
      params: Promise.resolve({ id }),
    },
  );
  return { status: response.status, body: await response.json() };
}

const document = (n: number, extra: Record<string, unknown> = {}) => ({
  title: `入稿試験の記事 ${n}`,
  lead: `入稿試験のリード文 ${n}。AI が公開資料からまとめた。`,
  disclosure: 'ai-generated',
  sections: [
    { heading: '経緯', paragraphs: [`経緯の段落 ${n}。[1]`], cites: [1] },
    { heading: '今後', paragraphs: [`今後の段落 ${n}。`] },
  ],
  sources: [{ title: '内閣府 発表資料', url: 'https://www.cao.go.jp/', publisher: '内閣府' }],
  category: 'society',
  tags: ['入稿試験'],
  slug: `submission-test-${n}`,
  generation: { model: 'kiji-writer', provider: 'Example AI', pipelineVersion: '2026.12.1' },
  ...extra,
});

const json = (value: unknown) => JSON.stringify(value);

/** Every table a submission writes to. */
const counts = async () => ({
  articles: await db().article.count(),
  revisions: await db().articleRevision.count(),
  audit: await db().auditEntry.count(),
  submissions: await db().submission.count(),
  idempotency: await db().apiIdempotency.count(),
});

/** A refusal: its status, a problem document in Japanese and English, and nothing written. */
async function expectRefusal(request: Post, status: number) {
  const before = await counts();
  const answer = await post(request);
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  expect(answer.body.detail).toEqual(expect.any(String));
  expect(answer.body.detailEn).toEqual(expect.any(String));
  expect(await counts()).toEqual(before);
  return answer.body;
}

describe('POST /api/v1/submissions', () => {
  it('accepts an article as JSON with 202 and a Location, as a draft written by the integration through the writer', async () => {
    const answer = await post({ body: json(document(1)) });
    expect(answer.status).toBe(202);
    const location = answer.headers.get('location')!;
    expect(location).toMatch(/^\/api\/v1\/submissions\/[0-9a-f-]{36}$/);
    expect(answer.body).toMatchObject({ state: 'received', revision: 1, flags: [], location });

    const submission = await db().submission.findUniqueOrThrow({ where: { id: answer.body.id } });
    const article = await db().article.findUniqueOrThrow({ where: { id: submission.articleId } });
    expect(article).toMatchObject({ status: 'draft', slug: 'submission-test-1', modelName: 'kiji-writer' });
    expect(article.promptTemplateVersion).toBe('2026.12.1');
    expect(submission.generation).toMatchObject({ provider: 'Example AI' });
    const revision = await db().articleRevision.findFirstOrThrow({ where: { articleId: article.id } });
    expect(revision).toMatchObject({ version: 1, action: 'article_submit', authorLabel: 'key:パイプライン' });
    const audited = await db().auditEntry.findFirstOrThrow({
      where: { action: 'article_submit', targetId: String(article.id) },
    });
    expect(audited.actorLabel).toBe('key:パイプライン');

    const status = await get(location);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      id: answer.body.id,
      state: 'received',
      url: null,
      notes: [],
      editorChanges: [],
    });
  });

  it('accepts the newsroom’s plain text and Markdown through the import parser, with its own fields in the query', async () => {
    const text = await post({
      contentType: 'text/plain; charset=utf-8',
      query:
        '?source=newsroom&externalId=seed-1&category=world&model=kiji-writer&provider=Example%20AI&promptVersion=p7',
      body: SEED_TEXT,
    });
    expect(text.status, JSON.stringify(text.body)).toBe(202);
    const fromText = await db().submission.findUniqueOrThrow({
      where: { id: text.body.id },
      include: { article: { include: { sources: true, category: true } } },
    });
    expect(fromText).toMatchObject({ source: 'newsroom', externalId: 'seed-1' });
    expect(fromText.article.category.slug).toBe('world');
    expect(fromText.article.title).toContain('停戦');

    const markdown = await post({
      contentType: 'text/markdown; charset=utf-8',
      body: SEED_MARKDOWN.replace('【デモ】', ''),
    });
    expect(markdown.status, JSON.stringify(markdown.body)).toBe(202);
    const fromMarkdown = await db().submission.findUniqueOrThrow({
      where: { id: markdown.body.id },
      include: { article: { include: { sources: true } } },
    });
    expect(fromMarkdown.article.sources).toHaveLength(2);
  });

  it('answers the same Idempotency-Key and body with the same answer, writing nothing more, and a different body with 422', async () => {
    const first = await post({ idempotencyKey: 'idem-1', body: json(document(2)) });
    expect(first.status).toBe(202);
    const before = await counts();
    const again = await post({ idempotencyKey: 'idem-1', body: json(document(2)) });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(await counts()).toEqual(before);

    const problem = await expectRefusal({ idempotencyKey: 'idem-1', body: json(document(3)) }, 422);
    expect(problem.errors[0]).toMatchObject({ parameter: 'Idempotency-Key' });
  });

  it('gives the same answer to the same Idempotency-Key sent twice at once, and writes one submission', async () => {
    const before = await counts();
    const answers = await Promise.all(
      [1, 2, 3].map(() => post({ idempotencyKey: 'idem-race', body: json(document(4)) })),
    );
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202]);
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect((await counts()).submissions).toBe(before.submissions + 1);
  });

  it('takes two first submissions of one natural key sent at once as one submission, never failing (409 for the one that loses the race)', async () => {
    const before = await counts();
    const answers = await Promise.all(
      [1, 2].map((n) =>
        post({ body: json(document(30 + n, { source: 'pipeline', externalId: 'story-race', slug: `race-${n}` })) }),
      ),
    );
    // When they meet, the loser is 409; when one commits first, the other is its second revision.
    const statuses = answers.map((answer) => answer.status).sort();
    expect([
      [202, 202],
      [202, 409],
    ]).toContainEqual(statuses);
    expect((await counts()).submissions).toBe(before.submissions + 1);
  });

  it('makes a resubmission with the same source and externalId a new revision of the same article while in review', async () => {
    const first = await post({ body: json(document(5, { source: 'pipeline', externalId: 'story-5' })) });
    const second = await post({
      body: json(document(5, { source: 'pipeline', externalId: 'story-5', title: '入稿試験の記事 5（第2稿）' })),
    });
    expect(second.status).toBe(202);
    expect(second.body).toMatchObject({ id: first.body.id, revision: 2, state: 'received' });
    const submission = await db().submission.findUniqueOrThrow({ where: { id: first.body.id } });
    const article = await db().article.findUniqueOrThrow({ where: { id: submission.articleId } });
    expect(article).toMatchObject({ title: '入稿試験の記事 5（第2稿）', version: 2, status: 'draft' });
    expect(submission.submittedVersion).toBe(2);
  });

  it('refuses a resubmission once published with 409, naming how to ask for a correction, and writes nothing', async () => {
    const first = await post({ body: json(document(6, { source: 'pipeline', externalId: 'story-6' })) });
    const submission = await db().submission.findUniqueOrThrow({ where: { id: first.body.id } });
    const editable = (await getArticleForEdit(cliActor, submission.articleId))!;
    const published = await saveArticle(cliActor, {
      id: submission.articleId,
      baseVersion: editable.version,
      intent: 'publish',
      values: editable.values,
    });
    expect(published.ok).toBe(true);
    const problem = await expectRefusal(
      { body: json(document(6, { source: 'pipeline', externalId: 'story-6' })) },
      409,
    );
    expect(problem).toMatchObject({ state: 'published', correction: expect.stringContaining('/contact') });
    expect(problem.detailEn).toMatch(/correction/i);
    expect((await get(first.headers.get('location')!)).body).toMatchObject({
      state: 'published',
      url: expect.stringContaining('/articles/submission-test-6'),
    });
  });

  it('accepts AI text with no source and no reason for review, flagged, and an editor cannot publish it until it has one', async () => {
    const answer = await post({
      body: json(document(7, { sources: [], sections: [{ heading: '見出し', paragraphs: ['段落。'] }] })),
    });
    expect(answer.status).toBe(202);
    expect(answer.body.flags).toEqual(['no_sources']);
    const submission = await db().submission.findUniqueOrThrow({ where: { id: answer.body.id } });
    const editable = (await getArticleForEdit(cliActor, submission.articleId))!;
    const refused = await saveArticle(cliActor, {
      id: submission.articleId,
      baseVersion: editable.version,
      intent: 'publish',
      values: editable.values,
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors.noSourcesReason).toBeTruthy();
  });

  it('never publishes: an integration’s save that would publish is refused by the writer, and nothing is written', async () => {
    const answer = await post({ body: json(document(8)) });
    const submission = await db().submission.findUniqueOrThrow({ where: { id: answer.body.id } });
    const editable = (await getArticleForEdit(cliActor, submission.articleId))!;
    const before = await counts();
    await expect(
      saveArticle(
        { kind: 'integration', keyId: 1, name: 'k', scopes: ['submissions:write'] },
        { id: submission.articleId, baseVersion: editable.version, intent: 'publish', values: editable.values },
      ),
    ).rejects.toThrow(/公開できません/);
    expect(await counts()).toEqual(before);
    expect((await db().article.findUniqueOrThrow({ where: { id: submission.articleId } })).status).toBe('draft');
  });
});

describe('GET /api/v1/submissions/{id}', () => {
  it('answers 404 as a problem document for an unknown or malformed id, and 403 for a key without submissions:read', async () => {
    const missing = await get('/api/v1/submissions/0b7e2f3c-1d2a-4b5c-8d9e-0f1a2b3c4d5e');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 404, detail: expect.any(String), detailEn: expect.any(String) });
    expect((await get('/api/v1/submissions/not-a-uuid')).status).toBe(404);
    const writeOnly = await createApiKey(cliActor, { name: '書くだけ', scopes: ['submissions:write'] });
    expect((await get('/api/v1/submissions/0b7e2f3c-1d2a-4b5c-8d9e-0f1a2b3c4d5e', writeOnly.key)).status).toBe(403);
  });
});

describe('every refusal of POST /api/v1/submissions is a problem document, and writes nothing', () => {
  it('400 for a body that is not JSON, naming the line', async () => {
    const problem = await expectRefusal({ body: '{\n  "title": "x",\n  oops\n}' }, 400);
    expect(problem.errors[0].line).toBe(3);
  });

  it('400 for an empty body', async () => {
    await expectRefusal({ body: '' }, 400);
  });

  it('401 without a key, and with a revoked or made-up one', async () => {
    await expectRefusal({ key: null, body: json(document(20)) }, 401);
    await expectRefusal({ key: `${writer.prefix}_${'x'.repeat(43)}`, body: json(document(20)) }, 401);
  });

  it('403 for a key without submissions:write', async () => {
    const problem = await expectRefusal({ key: reader.key, body: json(document(21)) }, 403);
    expect(problem.detailEn).toContain('submissions:write');
  });

  it('413 for a body over the submission limit', async () => {
    await expectRefusal({ body: 'x'.repeat(BODY_LIMITS.submission + 1) }, 413);
  });

  it('415 for another media type or charset', async () => {
    await expectRefusal({ contentType: 'application/xml', body: '<article/>' }, 415);
    await expectRefusal({ contentType: 'text/plain; charset=shift_jis', body: 'タイトル' }, 415);
  });

  it('422 naming each problem of a JSON article with its pointer, in Japanese and English', async () => {
    const problem = await expectRefusal(
      {
        body: json(
          document(22, {
            title: '',
            sections: [{ heading: '見出し', paragraphs: [] }],
            sources: [{ title: '出典', url: 'javascript:alert(1)' }],
            unknownField: 1,
          }),
        ),
      },
      422,
    );
    const pointers = problem.errors.map((error: { pointer: string }) => error.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining(['/title', '/sections/0/paragraphs', '/sources/0/url', '/unknownField']),
    );
    for (const error of problem.errors) {
      expect(error.detail).toEqual(expect.any(String));
      expect(error.detailEn).toEqual(expect.any(String));
    }
    expect(problem.errors.find((error: { pointer: string }) => error.pointer === '/title').detail).toMatch(
      /[ぁ-んァ-ン一-龥]/,
    );
  });

  it('422 naming the line of a plain-text problem', async () => {
    const problem = await expectRefusal(
      {
        contentType: 'text/plain; charset=utf-8',
        body: 'タイトル\n\nリード文です。\n\n見出し\n\n本文の段落です[3]。\n',
      },
      422,
    );
    expect(problem.errors[0]).toMatchObject({ line: 7 });
  });

  it('422 for an unknown category, a half natural key, a bad query parameter and a slug another article has', async () => {
    expect((await expectRefusal({ body: json(document(23, { category: 'no-such' })) }, 422)).errors[0].pointer).toBe(
      '/category',
    );
    expect((await expectRefusal({ body: json(document(23, { source: 'x' })) }, 422)).errors[0].pointer).toBe(
      '/externalId',
    );
    expect(
      (await expectRefusal({ contentType: 'text/plain; charset=utf-8', query: '?colour=blue', body: SEED_TEXT }, 422))
        .errors[0].parameter,
    ).toBe('colour');
    expect(
      (await expectRefusal({ body: json(document(23, { slug: 'submission-test-1' })) }, 422)).errors[0].pointer,
    ).toBe('/slug');
  });

  it('429 when the key is over its limit, with Retry-After', async () => {
    const limited = await createApiKey(cliActor, {
      name: '少ない鍵',
      scopes: ['submissions:write'],
      rateLimitPerMinute: 1,
    });
    await post({ key: limited.key, body: json(document(24)) });
    await expectRefusal({ key: limited.key, body: json(document(25)) }, 429);
  });
});

describe('which key reads which submission', () => {
  it('lets only the key that sent a submission read it: to another key, even one with submissions:read, it does not exist', async () => {
    const sent = await post({ body: json(document(40)) });
    expect(sent.status).toBe(202);
    const location = sent.headers.get('location')!;
    expect((await get(location)).status).toBe(200);
    const other = await get(location, reader.key);
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ status: 404, detailEn: expect.any(String) });
    expect(JSON.stringify(other.body)).not.toContain('入稿試験の記事 40');
  });
});

describe('the claim check in a submission’s answer', () => {
  it('holds the submitted figures against the sources’ snapshots: found, not found, and the figures not found', async () => {
    const url = 'https://www.example.go.jp/claims-desk';
    await recordSnapshot({
      ok: true,
      url,
      finalUrl: url,
      status: 200,
      contentType: 'text/html',
      retrievedAt: new Date(),
      contentHash: 'desk-claims',
      text: '発表によると、2026年の申請件数は1,200件だった。',
    });
    const sent = await post({
      body: json(
        document(41, {
          lead: '公開資料によれば、申請が増えている。',
          sections: [
            { heading: '数字', paragraphs: ['申請は1,200件だった。[1] 予算は350億円に上る。[1]'], cites: [1] },
          ],
          sources: [{ title: '発表資料', url }],
        }),
      ),
    });
    expect(sent.status).toBe(202);
    const report = await get(sent.headers.get('location')!);
    expect(report.body.claims).toMatchObject({ total: 2, found: 1, notFound: 1, notCheckable: 0 });
    expect(report.body.claims.notFoundFacts).toEqual([
      expect.objectContaining({ fact: expect.stringContaining('350億円'), result: 'not_found', section: '数字' }),
    ]);
    expect(Date.parse(report.body.claims.checkedAt)).not.toBeNaN();
  });
});

describe('an embargo', () => {
  it('keeps a submission from being published or scheduled before its embargoUntil, by an editor too; at the embargo it may be', async () => {
    const embargo = new Date(Date.now() + 3 * 24 * 3600_000);
    embargo.setUTCSeconds(0, 0);
    const sent = await post({ body: json(document(42, { embargoUntil: embargo.toISOString() })) });
    expect(sent.status).toBe(202);
    const submission = await db().submission.findUniqueOrThrow({ where: { id: sent.body.id } });
    expect(submission.embargoUntil?.toISOString()).toBe(embargo.toISOString());
    const editor = cliActor;

    const editable = (await getArticleForEdit(editor, submission.articleId))!;
    const dateline = (at: Date) => ({
      ...editable.values,
      datelineDate: at.toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' }),
      datelineTime: at.toLocaleTimeString('sv-SE', { timeZone: 'Asia/Tokyo' }).slice(0, 5),
    });
    const early = { publish: dateline(new Date()), schedule: dateline(new Date(Date.now() + 24 * 3600_000)) };
    for (const intent of ['publish', 'schedule'] as const) {
      const before = await db().articleRevision.count({ where: { articleId: submission.articleId } });
      const refused = await saveArticle(editor, {
        id: submission.articleId,
        baseVersion: editable.version,
        intent,
        values: early[intent],
      });
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.message).toContain('解禁');
      expect(await db().articleRevision.count({ where: { articleId: submission.articleId } })).toBe(before);
    }

    // Its own dateline is the embargo: published as it stands, it is public from then, not before.
    const scheduled = await saveArticle(editor, {
      id: submission.articleId,
      baseVersion: editable.version,
      intent: 'schedule',
      values: editable.values,
    });
    expect(scheduled.ok, scheduled.ok ? '' : scheduled.message).toBe(true);
    const article = await db().article.findUniqueOrThrow({ where: { id: submission.articleId } });
    expect(article.publishedAt?.toISOString()).toBe(embargo.toISOString());
  });
});
