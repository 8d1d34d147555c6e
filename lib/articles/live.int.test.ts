import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, disconnectDb } from '../platform/db';
import { ensureUsers, publishArticle, userActor } from '../../scripts/test-support/integration';
import { listNewsSitemapArticles } from './public-reads';
import { deleteLiveUpdate, editLiveUpdate, parseLiveSources, postLiveUpdate, setLiveState } from './live';

const editor = userActor('live-editor');
const writers = [userActor('live-writer-0'), userActor('live-writer-1')];
const date = new Date('2026-12-06T09:00:00Z');

beforeAll(() => ensureUsers(editor, ...writers));
afterAll(disconnectDb);

describe('live coverage through the one writer', () => {
  it('posts updates from two editors at once and loses neither, each a version with its revision and audit entry', async () => {
    const id = await publishArticle(editor, 'live-two-editors', date, { kind: 'live' });
    const before = await db().article.findUniqueOrThrow({ where: { id }, select: { version: true } });
    const posts = await Promise.all(
      Array.from({ length: 6 }, (_, index) => postLiveUpdate(writers[index % 2]!, id, { body: `同時の更新 ${index}` })),
    );
    expect(posts.every((post) => post.ok)).toBe(true);
    expect(await db().liveUpdate.count({ where: { articleId: id } })).toBe(6);
    const after = await db().article.findUniqueOrThrow({ where: { id }, select: { version: true } });
    expect(after.version).toBe(before.version + 6);
    expect(await db().articleRevision.count({ where: { articleId: id, action: 'live_update_post' } })).toBe(6);
    expect(await db().auditEntry.count({ where: { targetId: String(id), action: 'live_update_post' } })).toBe(6);
  });

  it('keeps one pinned update: pinning another unpins the first', async () => {
    const id = await publishArticle(editor, 'live-pins', date, { kind: 'live' });
    const first = await postLiveUpdate(editor, id, { body: '最初の固定', pinned: true });
    const second = await postLiveUpdate(editor, id, { body: '次の固定', pinned: true });
    if (!first.ok || !second.ok) throw new Error('posts must be saved');
    const pinned = await db().liveUpdate.findMany({ where: { articleId: id, pinned: true }, select: { id: true } });
    expect(pinned).toEqual([{ id: second.updateId }]);
  });

  it('edits an update with a correction: the old text is kept as a revision, the correction names the update', async () => {
    const id = await publishArticle(editor, 'live-correct', date, { kind: 'live' });
    const posted = await postLiveUpdate(editor, id, { heading: '死者数', body: '死者は3人です。' });
    if (!posted.ok) throw new Error(posted.message);
    const edited = await editLiveUpdate(
      editor,
      posted.updateId,
      { heading: '死者数', body: '死者は2人です。' },
      '死者数を誤っていました',
    );
    expect(edited.ok).toBe(true);
    const update = await db().liveUpdate.findUniqueOrThrow({
      where: { id: posted.updateId },
      select: { body: true, editedAt: true, revisions: { select: { body: true, action: true } } },
    });
    expect(update.body).toBe('死者は2人です。');
    expect(update.editedAt).not.toBeNull();
    expect(update.revisions).toEqual([{ body: '死者は3人です。', action: 'live_update_correct' }]);
    const correction = await db().correction.findFirstOrThrow({
      where: { liveUpdateId: posted.updateId },
      select: { whatWasWrong: true, beforeText: true, afterText: true },
    });
    expect(correction).toEqual({
      whatWasWrong: '死者数を誤っていました',
      beforeText: '死者は3人です。',
      afterText: '死者は2人です。',
    });
    expect(await db().articleRevision.count({ where: { articleId: id, action: 'article_correct' } })).toBe(1);
    expect(await editLiveUpdate(editor, posted.updateId, { body: '死者は1人です。' }, '長'.repeat(1_001))).toEqual({
      ok: false,
      message: '訂正の説明は1,000文字以内にしてください',
    });
  });

  it('takes an update down without erasing it, and ends and resumes the coverage; an ended page takes no update', async () => {
    const id = await publishArticle(editor, 'live-end', date, { kind: 'live' });
    const posted = await postLiveUpdate(editor, id, { body: '取り下げる更新' });
    if (!posted.ok) throw new Error(posted.message);
    expect((await deleteLiveUpdate(editor, posted.updateId)).ok).toBe(true);
    const gone = await db().liveUpdate.findUniqueOrThrow({
      where: { id: posted.updateId },
      select: { deletedAt: true },
    });
    expect(gone.deletedAt).not.toBeNull();
    expect(await deleteLiveUpdate(editor, posted.updateId)).toEqual({ ok: false, message: '更新が見つかりません' });

    expect((await setLiveState(editor, id, 'ended')).ok).toBe(true);
    const ended = await db().article.findUniqueOrThrow({
      where: { id },
      select: { liveState: true, coverageEndedAt: true },
    });
    expect(ended.liveState).toBe('ended');
    expect(ended.coverageEndedAt).not.toBeNull();
    const refused = await postLiveUpdate(editor, id, { body: '終了後の更新' });
    expect(refused.ok).toBe(false);
    expect(await db().liveUpdate.count({ where: { articleId: id, deletedAt: null } })).toBe(0);
    expect((await setLiveState(editor, id, 'live')).ok).toBe(true);
    expect((await postLiveUpdate(editor, id, { body: '再開後の更新' })).ok).toBe(true);
  });

  it('refuses an update to an article that is not live, and an empty one, writing nothing', async () => {
    const id = await publishArticle(editor, 'live-not-live', date);
    const version = (await db().article.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
    expect(await postLiveUpdate(editor, id, { body: '本文' })).toMatchObject({ ok: false });
    const live = await publishArticle(editor, 'live-empty', date, { kind: 'live' });
    expect(await postLiveUpdate(editor, live, { body: '   ' })).toEqual({
      ok: false,
      message: '更新の本文を入力してください',
    });
    expect(await postLiveUpdate(editor, live, { body: '画像', imageId: 1 })).toEqual({
      ok: false,
      message: '画像の代替テキストを入力してください',
    });
    expect((await db().article.findUniqueOrThrow({ where: { id }, select: { version: true } })).version).toBe(version);
    expect(await db().liveUpdate.count({ where: { articleId: { in: [id, live] } } })).toBe(0);
  });
});

describe('the news sitemap', () => {
  it('lists a live page for as long as it is live, however long ago it started, and an older article not', async () => {
    const old = new Date(Date.now() - 5 * 24 * 60 * 60 * 1000);
    const live = await publishArticle(editor, 'live-sitemap-long', old, { kind: 'live' });
    await publishArticle(editor, 'live-sitemap-old-news', old);
    const listed = async () => (await listNewsSitemapArticles()).map((article) => article.slug);
    expect(await listed()).toContain('live-sitemap-long');
    expect(await listed()).not.toContain('live-sitemap-old-news');
    expect((await setLiveState(editor, live, 'ended')).ok).toBe(true);
    expect(await listed()).not.toContain('live-sitemap-long');
  });
});

describe('an update’s sources as the form writes them', () => {
  it('reads one source per line, the URL last, and names the line it cannot read', () => {
    expect(parseLiveSources('気象庁 報道発表 https://www.jma.go.jp/a\n\nhttps://example.jp/b')).toEqual({
      sources: [
        { title: '気象庁 報道発表', url: 'https://www.jma.go.jp/a' },
        { title: 'https://example.jp/b', url: 'https://example.jp/b' },
      ],
    });
    expect(parseLiveSources('タイトルだけ')).toEqual({
      error: '出典の1行目は「タイトル URL」の形にしてください（URL は http(s)://）',
    });
    expect(parseLiveSources('javascript:alert(1)')).toMatchObject({ error: expect.stringContaining('1行目') });
  });
});
