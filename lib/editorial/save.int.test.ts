import { afterAll, describe, expect, it } from 'vitest';
import { cliActor } from '../auth/actor';
import { loadPublishedArticle } from '../articles/public-reads';
import { db, disconnectDb } from '../platform/db';
import { deleteArticle, restoreArticle } from './lifecycle';
import { restoreRevision } from './revisions';
import { saveArticle, type SaveResult } from './save';
import { blankFormValues, type ArticleFormValues } from '../articles/input';
import { userActor } from '../../scripts/test-support/integration';

afterAll(disconnectDb);

const editor = (n: number) =>
  userActor(`editor-${n}`, 'editor', { email: `editor${n}@example.jp`, name: `編集者${n}` });

function values(slug: string, title: string, sectionCount: number): ArticleFormValues {
  return {
    ...blankFormValues(new Date('2025-10-18T03:00:00Z')),
    title,
    slug,
    lead: `${title}のリード。`,
    noSourcesReason: '試験の記事で、出典はないため',
    sections: Array.from({ length: sectionCount }, (_, i) => ({
      heading: `${title} 見出し${i + 1}`,
      body: `${title} 本文${i + 1}。`,
      cites: '',
    })),
  };
}

describe('an article’s kind (news or analysis)', () => {
  it('is saved from the form, and restoring a revision restores it', async () => {
    const first = await saveArticle(cliActor, {
      intent: 'publish',
      values: { ...values('kind-restore', '種類の記事', 1), kind: 'news' },
    });
    if (!first.ok) throw new Error(first.message);
    const second = await saveArticle(cliActor, {
      id: first.id,
      baseVersion: first.version,
      intent: 'publish',
      values: { ...values('kind-restore', '種類の記事', 1), kind: 'analysis' },
    });
    if (!second.ok) throw new Error(second.message);
    expect((await db().article.findUniqueOrThrow({ where: { id: first.id } })).kind).toBe('analysis');
    const restored = await restoreRevision(cliActor, first.id, first.version);
    expect(restored.ok).toBe(true);
    expect((await db().article.findUniqueOrThrow({ where: { id: first.id } })).kind).toBe('news');
  });
});

describe('editors saving at once', () => {
  it('lose no update, leave no article partial, report every conflict, and never fail a reader', async () => {
    await db().user.createMany({
      data: Array.from({ length: 20 }, (_, n) => ({
        id: `editor-${n}`,
        name: `編集者${n}`,
        email: `editor${n}@example.jp`,
        role: 'editor',
      })),
      skipDuplicates: true,
    });
    // Four articles, each published at version 1.
    const slugs = ['race-a', 'race-b', 'race-c', 'race-d'];
    const ids: number[] = [];
    for (const slug of slugs) {
      const created = await saveArticle(cliActor, { intent: 'publish', values: values(slug, `${slug} 初版`, 2) });
      if (!created.ok) throw new Error(JSON.stringify(created));
      ids.push(created.id);
    }

    // 20 editors: five per article, all starting from version 1, each writing a different section count.
    const saves = Array.from({ length: 20 }, (_, n) => {
      const article = n % 4;
      return saveArticle(editor(n), {
        id: ids[article],
        baseVersion: 1,
        intent: 'publish',
        values: values(slugs[article]!, `${slugs[article]} 編集者${n}`, 1 + (n % 5)),
      }).then((result) => ({ n, article, result }));
    });
    // 200 readers at the same time.
    const reads = Array.from({ length: 200 }, (_, n) =>
      loadPublishedArticle(slugs[n % 4]!).then(
        (article) => ({ ok: true as const, article }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
    );
    const [saved, read] = await Promise.all([Promise.all(saves), Promise.all(reads)]);

    for (let article = 0; article < 4; article += 1) {
      const attempts = saved.filter((save) => save.article === article);
      const winners = attempts.filter((save) => save.result.ok);
      const losers = attempts.filter((save) => !save.result.ok) as {
        n: number;
        result: Extract<SaveResult, { ok: false }>;
      }[];
      // Exactly one save from version 1 wins; every other one is told why, with what changed.
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(4);
      for (const loser of losers) {
        expect(loser.result.conflict?.version).toBe(2);
        expect(loser.result.message).toContain('保存の間に');
      }
      // The stored article is exactly the winner's: title and every one of its sections, nothing else.
      const winner = winners[0]!;
      const row = await db().article.findUniqueOrThrow({
        where: { id: ids[article] },
        include: { sections: { orderBy: { position: 'asc' } } },
      });
      expect(row.version).toBe(2);
      expect(row.title).toBe(`${slugs[article]} 編集者${winner.n}`);
      expect(row.sections.map((section) => section.heading)).toEqual(
        Array.from({ length: 1 + (winner.n % 5) }, (_, i) => `${slugs[article]} 編集者${winner.n} 見出し${i + 1}`),
      );
      expect(await db().articleRevision.count({ where: { articleId: ids[article] } })).toBe(2);
    }

    // Readers never failed, and never saw a mix of two versions.
    expect(read.filter((result) => !result.ok)).toEqual([]);
    for (const result of read) {
      if (!result.ok || !result.article) continue;
      const title = result.article.title;
      expect(result.article.sections.every((section) => section.heading.startsWith(title))).toBe(true);
    }
  });
});

describe('a deleted article', () => {
  const admin = userActor('editor-0', 'admin', { email: 'editor0@example.jp', name: '編集者0' });

  it('cannot be published again from the editor, and comes back from a restore as a draft, never live', async () => {
    const created = await saveArticle(cliActor, {
      intent: 'publish',
      values: values('deleted-then-published', '削除される記事', 1),
    });
    if (!created.ok) throw new Error(created.message);
    await deleteArticle(cliActor, created.id);

    const republished = await saveArticle(cliActor, {
      id: created.id,
      baseVersion: created.version + 1,
      intent: 'publish',
      values: values('deleted-then-published', '削除される記事', 1),
    });
    expect(republished).toMatchObject({ ok: false, message: expect.stringContaining('この記事は削除されています') });
    expect(await loadPublishedArticle('deleted-then-published')).toBeNull();

    await db().user.upsert({
      where: { id: 'editor-0' },
      create: { id: 'editor-0', name: '編集者0', email: 'editor0@example.jp', role: 'admin' },
      update: {},
    });
    await restoreArticle(admin, created.id);
    const restored = await db().article.findUniqueOrThrow({ where: { id: created.id } });
    expect(restored).toMatchObject({ status: 'draft', deletedAt: null });
    expect(await loadPublishedArticle('deleted-then-published')).toBeNull();
  });
});

describe('a refused publication', () => {
  it('names a single problem in its message: a schedule time in the past says so', async () => {
    const result = await saveArticle(cliActor, {
      intent: 'schedule',
      values: { ...values('schedule-in-the-past', '過去の予約', 1), datelineDate: '2025-10-18', datelineTime: '09:00' },
    });
    expect(result).toMatchObject({ ok: false, message: '予約公開には未来の日時を指定してください' });
  });
});
