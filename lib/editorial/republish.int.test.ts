import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor, type Actor } from '../auth/actor';
import { db, disconnectDb } from '../platform/db';
import { deleteArticle } from './lifecycle';
import { getArticleForEdit, saveArticle, type SaveResult } from './save';
import { whenLabel } from './article-state';
import { blankFormValues, type ArticleFormValues } from '../articles/input';

afterAll(disconnectDb);

const editor = (id: string, name: string): Actor => ({
  kind: 'user',
  userId: id,
  email: `${id}@example.jp`,
  name,
  role: 'editor',
});
const editorA = editor('republish-a', '編集者A');
const editorB = editor('republish-b', '編集者B');

beforeAll(async () => {
  await db().user.createMany({
    data: [editorA, editorB].map((actor) => ({
      id: (actor as { userId: string }).userId,
      name: (actor as { name: string }).name,
      email: (actor as { email: string }).email,
      role: 'editor' as const,
    })),
    skipDuplicates: true,
  });
});

function values(slug: string, title: string): ArticleFormValues {
  return {
    ...blankFormValues(new Date('2025-10-18T03:00:00Z')),
    title,
    slug,
    lead: `${title}のリード。`,
    noSourcesReason: '試験の記事で、出典はないため',
    sections: [{ heading: `${title} 見出し`, body: `${title} 本文。`, cites: '' }],
  };
}

function ok(result: SaveResult) {
  if (!result.ok) throw new Error(result.message);
  return result;
}

/** A published article that editor B opened at `opened`, then editor A unpublished. */
async function publishedThenUnpublishedByA(slug: string) {
  const published = ok(await saveArticle(editorA, { intent: 'publish', values: values(slug, '取り下げた記事') }));
  const opened = published.version;
  const unpublished = ok(
    await saveArticle(editorA, {
      id: published.id,
      baseVersion: opened,
      intent: 'unpublish',
      values: values(slug, '取り下げた記事'),
    }),
  );
  const revision = await db().articleRevision.findUniqueOrThrow({
    where: { articleId_version: { articleId: published.id, version: unpublished.version } },
    select: { createdAt: true },
  });
  return { id: published.id, opened, unpublishedVersion: unpublished.version, unpublishedAt: revision.createdAt };
}

describe('an article someone else unpublished', () => {
  it('is not put back online by a stale save: the refusal names the unpublish, who made it and when', async () => {
    const article = await publishedThenUnpublishedByA('republish-stale');
    const edited = { ...values('republish-stale', '取り下げた記事'), lead: 'Bが書き足したリード。' };

    const stale = await saveArticle(editorB, {
      id: article.id,
      baseVersion: article.opened,
      intent: 'publish',
      values: edited,
    });

    expect(stale.ok).toBe(false);
    if (stale.ok) return;
    expect(stale.message).toContain('編集者Aさん');
    expect(stale.message).toContain('公開を取り消しました');
    expect(stale.message).toContain(whenLabel(article.unpublishedAt.toISOString()));
    expect(stale.conflict?.state).toEqual({ status: 'draft', deleted: false });
    expect(stale.conflict?.stateChanges).toEqual([
      {
        kind: 'unpublished',
        version: article.unpublishedVersion,
        by: '編集者A',
        at: article.unpublishedAt.toISOString(),
      },
    ]);
    expect(stale.conflict?.unpublished).toMatchObject({ version: article.unpublishedVersion, by: '編集者A' });
    const row = await db().article.findUniqueOrThrow({ where: { id: article.id }, select: { status: true } });
    expect(row.status).toBe('draft');
  });

  it('is refused again after the conflict is resolved, unless the editor confirms the unpublish they were shown', async () => {
    const article = await publishedThenUnpublishedByA('republish-confirm');
    const edited = { ...values('republish-confirm', '取り下げた記事'), lead: 'Bが書き足したリード。' };

    // The form, merged onto A's version, publishes without the confirmation: refused, with who and when.
    const unconfirmed = await saveArticle(editorB, {
      id: article.id,
      baseVersion: article.unpublishedVersion,
      intent: 'publish',
      values: edited,
    });
    expect(unconfirmed.ok).toBe(false);
    if (unconfirmed.ok) return;
    expect(unconfirmed.republish).toEqual({
      version: article.unpublishedVersion,
      by: '編集者A',
      at: article.unpublishedAt.toISOString(),
    });
    expect(unconfirmed.message).toContain(`編集者Aさんが${whenLabel(article.unpublishedAt.toISOString())}に`);
    expect((await db().article.findUniqueOrThrow({ where: { id: article.id }, select: { status: true } })).status).toBe(
      'draft',
    );

    // Scheduling it is putting it back online too.
    const scheduled = await saveArticle(editorB, {
      id: article.id,
      baseVersion: article.unpublishedVersion,
      intent: 'schedule',
      values: { ...edited, datelineDate: '2099-01-01', datelineTime: '09:00' },
    });
    expect(scheduled.ok).toBe(false);

    // Confirmed: published.
    const confirmed = ok(
      await saveArticle(editorB, {
        id: article.id,
        baseVersion: article.unpublishedVersion,
        intent: 'publish',
        values: edited,
        confirmRepublish: article.unpublishedVersion,
      }),
    );
    expect(confirmed.status).toBe('published');
  });

  it('is republished without asking by the editor who unpublished it, and the form knows who else did', async () => {
    const article = await publishedThenUnpublishedByA('republish-own');
    expect((await getArticleForEdit(editorA, article.id))?.unpublished).toBeNull();
    expect((await getArticleForEdit(editorB, article.id))?.unpublished).toMatchObject({
      version: article.unpublishedVersion,
      by: '編集者A',
    });
    const again = ok(
      await saveArticle(editorA, {
        id: article.id,
        baseVersion: article.unpublishedVersion,
        intent: 'publish',
        values: values('republish-own', '取り下げた記事'),
      }),
    );
    expect(again.status).toBe('published');
  });
});

describe('a stale save of an article deleted meanwhile', () => {
  it('says first that it was deleted, by whom', async () => {
    const published = ok(
      await saveArticle(editorA, { intent: 'publish', values: values('deleted-meanwhile', '削除された記事') }),
    );
    await deleteArticle(editorA, published.id);
    const stale = await saveArticle(editorB, {
      id: published.id,
      baseVersion: published.version,
      intent: 'publish',
      values: values('deleted-meanwhile', '削除された記事'),
    });
    expect(stale.ok).toBe(false);
    if (stale.ok) return;
    expect(stale.message).toMatch(/^編集者Aさんが.+にこの記事を削除しました。/);
    expect(stale.conflict?.state.deleted).toBe(true);
    expect(stale.conflict?.stateChanges.map((change) => change.kind)).toEqual(['deleted']);
  });
});

describe('the command line', () => {
  it('is not asked to confirm (the rule is for editors in the dashboard)', async () => {
    const article = await publishedThenUnpublishedByA('republish-cli');
    const again = ok(
      await saveArticle(cliActor, {
        id: article.id,
        baseVersion: article.unpublishedVersion,
        intent: 'publish',
        values: values('republish-cli', '取り下げた記事'),
      }),
    );
    expect(again.status).toBe('published');
  });
});
