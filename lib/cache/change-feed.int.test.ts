import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cliActor } from '../auth/actor';
import { cacheTags } from './tags';
import {
  CHANGE_CHANNEL,
  startChangeListener,
  tagsForContentChange,
  withdrawnSlugs,
  type ChangeListener,
} from './change-feed';
import { db, disconnectDb } from '../platform/db';
import { publishDueArticles } from '../editorial/scheduled-publication';
import { saveArticle } from '../editorial/save';
import { postLiveUpdate } from '../articles/live';
import { ensureCategories } from '../../scripts/lib/database';
import { blankFormValues, type ArticleFormValues } from '../articles/input';
import { schedulerActor } from '../editorial/scheduler';
import { encodedBodies } from './content-coding';
import { lastGoodPage, rememberGoodPage } from './last-good';

const url = () => inject('databaseUrl');

function values(slug: string, title: string, overrides: Partial<ArticleFormValues> = {}): ArticleFormValues {
  return {
    ...blankFormValues(new Date('2025-10-18T03:00:00Z')),
    title,
    slug,
    category: 'economy',
    tags: '通知の試験',
    lead: `${title}のリード。`,
    noSourcesReason: '試験の記事で、出典はないため',
    sections: [{ heading: '見出し', body: '本文。', cites: '' }],
    ...overrides,
  };
}

/** A LISTEN connection that hands out the payloads in order, waiting for the next one. */
async function listen() {
  const client = new pg.Client({ connectionString: url() });
  await client.connect();
  const queue: string[] = [];
  const waiters: ((payload: string) => void)[] = [];
  client.on('notification', (message) => {
    if (message.channel !== CHANGE_CHANNEL) return;
    const waiter = waiters.shift();
    if (waiter) waiter(message.payload ?? '');
    else queue.push(message.payload ?? '');
  });
  await client.query(`LISTEN ${CHANGE_CHANNEL}`);
  return {
    next: () =>
      queue.length > 0 ? Promise.resolve(queue.shift()!) : new Promise<string>((resolve) => waiters.push(resolve)),
    /** Everything announced up to a marker sent now: NOTIFYs arrive in commit order. */
    async drain(): Promise<string[]> {
      const marker = `{"articles":["marker-${Math.random()}"]}`;
      await client.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, marker]);
      const seen: string[] = [];
      for (let payload = await this.next(); payload !== marker; payload = await this.next()) seen.push(payload);
      return seen;
    },
    end: () => client.end(),
  };
}

let feed: Awaited<ReturnType<typeof listen>>;
beforeAll(async () => {
  feed = await listen();
});
afterAll(async () => {
  await feed.end();
  await disconnectDb();
});

describe('the change feed', () => {
  it('announces an editor’s save on commit, naming the article, its category and its tags', async () => {
    await feed.drain();
    const saved = await saveArticle(cliActor, { intent: 'publish', values: values('feed-save', '通知される記事') });
    expect(saved.ok).toBe(true);
    const tags = new Set((await feed.drain()).flatMap(tagsForContentChange));
    for (const tag of [
      cacheTags.article('feed-save'),
      cacheTags.articleLists,
      cacheTags.category('economy'),
      cacheTags.tag('通知の試験'),
    ]) {
      expect(tags, tag).toContain(tag);
    }
  });

  it('announces the old and the new slug when a slug changes', async () => {
    const first = await saveArticle(cliActor, {
      intent: 'publish',
      values: values('feed-old-slug', '名前の変わる記事'),
    });
    if (!first.ok) throw new Error(first.message);
    await feed.drain();
    await saveArticle(cliActor, {
      id: first.id,
      baseVersion: first.version,
      intent: 'publish',
      values: values('feed-new-slug', '名前の変わる記事'),
    });
    const tags = new Set((await feed.drain()).flatMap(tagsForContentChange));
    expect(tags).toContain(cacheTags.article('feed-old-slug'));
    expect(tags).toContain(cacheTags.article('feed-new-slug'));
  });

  it('announces nothing for a transaction that rolls back', async () => {
    await feed.drain();
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    await client.query('BEGIN');
    await client.query(`UPDATE articles SET title = 'ロールバック' WHERE slug = 'feed-save'`);
    await client.query('ROLLBACK');
    await client.end();
    expect(await feed.drain()).toEqual([]);
  });

  it('announces a change made with plain SQL, as psql would make it', async () => {
    await feed.drain();
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    await client.query(
      `UPDATE sections SET body = '直した本文。' WHERE article_id = (SELECT id FROM articles WHERE slug = 'feed-save')`,
    );
    await client.end();
    expect((await feed.drain()).flatMap(tagsForContentChange)).toContain(cacheTags.article('feed-save'));
  });

  it('names a withdrawal by the slug readers knew: unpublished, moved to another slug, deleted; an edit of a public article or of a draft withdraws nothing', async () => {
    const sqlClient = new pg.Client({ connectionString: url() });
    await sqlClient.connect();
    const run = async (text: string) => {
      await feed.drain();
      await sqlClient.query(text);
      return (await feed.drain()).flatMap(withdrawnSlugs);
    };
    try {
      const saved = await saveArticle(cliActor, {
        intent: 'publish',
        values: values('feed-withdrawn', '取り下げる記事'),
      });
      if (!saved.ok) throw new Error(saved.message);
      expect(await run(`UPDATE articles SET title = '直した見出し' WHERE slug = 'feed-withdrawn'`)).toEqual([]);
      expect(await run(`UPDATE articles SET status = 'draft' WHERE slug = 'feed-withdrawn'`)).toEqual([
        'feed-withdrawn',
      ]);
      expect(await run(`UPDATE articles SET title = '下書きのまま' WHERE slug = 'feed-withdrawn'`)).toEqual([]);
      await run(`UPDATE articles SET status = 'published' WHERE slug = 'feed-withdrawn'`);
      expect(await run(`UPDATE articles SET slug = 'feed-withdrawn-moved' WHERE slug = 'feed-withdrawn'`)).toEqual([
        'feed-withdrawn',
      ]);
      expect(await run(`UPDATE articles SET deleted_at = now() WHERE slug = 'feed-withdrawn-moved'`)).toEqual([
        'feed-withdrawn-moved',
      ]);
    } finally {
      await sqlClient.end();
    }
  });

  it('expires no list for a change readers never saw: a draft saved, retitled, tagged or given sections expires its own page only; publishing it expires the lists', async () => {
    const listTags = [cacheTags.articleLists, cacheTags.category('economy'), cacheTags.tag('通知の試験')];
    await feed.drain();
    const draft = await saveArticle(cliActor, { intent: 'draft', values: values('feed-draft', '下書きの記事') });
    if (!draft.ok) throw new Error(draft.message);
    const draftTags = new Set((await feed.drain()).flatMap(tagsForContentChange));
    expect(draftTags).toContain(cacheTags.article('feed-draft'));
    for (const tag of listTags) expect(draftTags, tag).not.toContain(tag);

    const sqlClient = new pg.Client({ connectionString: url() });
    await sqlClient.connect();
    try {
      await sqlClient.query(
        `UPDATE sections SET body = '下書きの本文。' WHERE article_id = (SELECT id FROM articles WHERE slug = 'feed-draft')`,
      );
      const partTags = new Set((await feed.drain()).flatMap(tagsForContentChange));
      expect(partTags).toContain(cacheTags.article('feed-draft'));
      for (const tag of listTags) expect(partTags, tag).not.toContain(tag);
    } finally {
      await sqlClient.end();
    }

    const published = await saveArticle(cliActor, {
      id: draft.id,
      baseVersion: draft.version,
      intent: 'publish',
      values: values('feed-draft', '下書きの記事'),
    });
    if (!published.ok) throw new Error(published.message);
    const publishTags = new Set((await feed.drain()).flatMap(tagsForContentChange));
    for (const tag of listTags) expect(publishTags, tag).toContain(tag);
  });

  it('expires a live page alone when an update is posted to it: no list shows an update', async () => {
    const live = await saveArticle(cliActor, {
      intent: 'publish',
      values: values('feed-live', 'ライブの記事', { kind: 'live' }),
    });
    if (!live.ok) throw new Error(live.message);
    await feed.drain();
    const posted = await postLiveUpdate(cliActor, live.id, { body: '新しい更新。' });
    expect(posted.ok).toBe(true);
    const tags = new Set((await feed.drain()).flatMap(tagsForContentChange));
    expect(tags).toContain(cacheTags.article('feed-live'));
    for (const tag of [cacheTags.articleLists, cacheTags.category('economy'), cacheTags.tag('通知の試験')])
      expect(tags, tag).not.toContain(tag);
  });

  it('announces nothing for a live update held for review, or changed while held, and the page once it is posted', async () => {
    const [{ id: articleId }] = (await db().$queryRaw<{ id: number }[]>`
      SELECT id FROM articles WHERE slug = 'feed-live'`) as [{ id: number }];
    await feed.drain();
    // As a pipeline's update is stored (lib/articles/live.ts holdLiveUpdate), in plain SQL.
    const [{ id }] = (await db().$queryRaw<{ id: number }[]>`
      INSERT INTO live_updates (article_id, body, author_label, held_for_review)
      VALUES (${articleId}, '確認待ちの更新。', 'key:test', true) RETURNING id`) as [{ id: number }];
    await db().$executeRaw`UPDATE live_updates SET body = '直した確認待ちの更新。' WHERE id = ${id}`;
    expect(await feed.drain()).toEqual([]);
    await db().$executeRaw`UPDATE live_updates SET held_for_review = false WHERE id = ${id}`;
    expect(new Set((await feed.drain()).flatMap(tagsForContentChange))).toContain(cacheTags.article('feed-live'));
  });

  it('announces nothing when a command makes sure of the categories and they are as they were (every command does)', async () => {
    await ensureCategories(url());
    await feed.drain();
    await ensureCategories(url());
    expect(await feed.drain()).toEqual([]);
  });

  it('reads a payload it cannot understand as "everything changed"', () => {
    expect(tagsForContentChange('not json')).toEqual([cacheTags.everything]);
    expect(tagsForContentChange('{"articles": 3}')).toEqual([cacheTags.everything]);
    expect(tagsForContentChange('{"all": true}')).toEqual([cacheTags.everything]);
  });
});

describe('an instance listening to the change feed', () => {
  let listener: ChangeListener;
  const expired: string[][] = [];
  const waiters: { match: (tags: string[]) => boolean; resolve: () => void }[] = [];
  const expiredWith = (match: (tags: string[]) => boolean) =>
    expired.some(match) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ match, resolve }));

  beforeAll(async () => {
    listener = startChangeListener({
      connectionString: url(),
      retryDelaysMs: [50],
      expire: async (tags) => {
        expired.push(tags);
        for (const waiter of waiters.filter((w) => w.match(tags))) waiter.resolve();
      },
    });
    // On connecting it expires everything: it cannot know what changed before it listened.
    await expiredWith((tags) => tags.includes(cacheTags.everything));
  });
  afterAll(() => listener.stop());

  it('expires the tags of a change committed by another process', async () => {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    await client.query(`UPDATE articles SET title = '別のプロセスから' WHERE slug = 'feed-save'`);
    await client.end();
    await expiredWith((tags) => tags.includes(cacheTags.article('feed-save')));
  });

  it('drops the last good copies of a withdrawn article and of the pages linking to it, and keeps the others', async () => {
    const remember = (url: string, html: string) =>
      rememberGoodPage(url, { bodies: encodedBodies(Buffer.from(html, 'utf8')), headers: {} });
    remember('/articles/feed-save', '<h1>取り下げられる記事</h1>');
    remember('/category/economy', '<a href="/articles/feed-save">取り下げられる記事</a>');
    remember('/articles/feed-new-slug', '<h1>残る記事</h1>');
    const heard = () => expired.filter((tags) => tags.includes(cacheTags.article('feed-save'))).length;
    const before = heard();
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    await client.query(`UPDATE articles SET status = 'draft' WHERE slug = 'feed-save'`);
    await client.end();
    await expiredWith(() => heard() > before);
    expect(lastGoodPage('/articles/feed-save')).toBeNull();
    expect(lastGoodPage('/category/economy')).toBeNull();
    expect(lastGoodPage('/articles/feed-new-slug')).not.toBeNull();
  });

  it('reconnects after its connection is cut, expires everything it may have missed, and hears the next change', async () => {
    const everythingBefore = expired.filter((tags) => tags.includes(cacheTags.everything)).length;
    const admin = new pg.Client({ connectionString: url() });
    await admin.connect();
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = $1 AND pid <> pg_backend_pid()`,
      [`LISTEN ${CHANGE_CHANNEL}`],
    );
    // The test's own LISTEN connection (feed) is idle with the same query text; cut them all.
    expect(rows.length).toBeGreaterThanOrEqual(1);
    await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [rows.map((row) => row.pid)]);
    await expiredWith(
      (tags) =>
        tags.includes(cacheTags.everything) &&
        expired.filter((t) => t.includes(cacheTags.everything)).length > everythingBefore,
    );
    expect(listener.connected()).toBe(true);
    await admin.query(`UPDATE articles SET title = '再接続のあと' WHERE slug = 'feed-new-slug'`);
    await admin.end();
    await expiredWith((tags) => tags.includes(cacheTags.article('feed-new-slug')));
    feed = await listen(); // the test's own connection was cut with it
  });
});

describe('the scheduler', () => {
  it('publishes each due article once however many instances tick at once, each with its revision and audit entry', async () => {
    const due: number[] = [];
    for (const n of [1, 2, 3]) {
      const saved = await saveArticle(cliActor, { intent: 'draft', values: values(`feed-due-${n}`, `予約の記事${n}`) });
      if (!saved.ok) throw new Error(saved.message);
      due.push(saved.id);
    }
    await db().article.updateMany({
      where: { id: { in: due } },
      data: { status: 'scheduled', publishedAt: new Date(Date.now() - 1_000) },
    });
    const runs = await Promise.all([1, 2, 3, 4].map(() => publishDueArticles(schedulerActor)));
    // Other files' rows may be due too; ours must each come out exactly once.
    expect(
      runs
        .flat()
        .filter((slug) => slug.startsWith('feed-due-'))
        .sort(),
    ).toEqual(['feed-due-1', 'feed-due-2', 'feed-due-3']);
    for (const id of due) {
      const article = await db().article.findUniqueOrThrow({ where: { id }, select: { status: true, version: true } });
      expect(article.status).toBe('published');
      const revision = await db().articleRevision.findUnique({
        where: { articleId_version: { articleId: id, version: article.version } },
      });
      expect(revision?.authorLabel).toBe('system:scheduler');
      expect(await db().auditEntry.count({ where: { action: 'article_publish', targetId: String(id) } })).toBe(1);
    }
  });
});
