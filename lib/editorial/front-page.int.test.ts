import { afterAll, describe, expect, it } from 'vitest';
import { cliActor } from '../auth/actor';
import { getHomePage } from '../articles/public-reads';
import { db, disconnectDb } from '../platform/db';
import { setFrontPage } from './front-page';
import { publishArticle } from '../../scripts/test-support/integration';

afterAll(async () => {
  await setFrontPage(cliActor, ['', '', '', '', '', '']);
  await disconnectDb();
});

const publish = (slug: string, date: string) =>
  publishArticle(cliActor, slug, new Date(`${date}T03:00:00Z`), { title: `一面 ${slug}` });

// Outside a Next server every cached read goes to the database (lib/cache/data-cache.ts).
const uncached = () => getHomePage();

describe('the front page', () => {
  it('leads with the editors’ choice in their order, fills the rest newest first, and drops a story that stops being public', async () => {
    const older = await publish('front-older', '2020-01-02');
    const oldest = await publish('front-oldest', '2020-01-01');
    expect(await setFrontPage(cliActor, [String(older), '', String(oldest), '', '', ''])).toEqual({ ok: true });
    const home = await uncached();
    expect(home.top?.slug).toBe('front-older');
    expect(home.latest[0]?.slug).toBe('front-oldest');
    expect(home.latest.slice(1).map((article) => article.publishedAt)).toEqual(
      home.latest
        .slice(1)
        .map((article) => article.publishedAt)
        .sort()
        .reverse(),
    );

    await db().article.update({ where: { id: older }, data: { status: 'draft' } });
    const after = await uncached();
    expect(after.top?.slug).toBe('front-oldest');
    expect([after.top, ...after.latest].map((article) => article?.slug)).not.toContain('front-older');
  });

  it('refuses one story in two slots, and a story the public cannot see', async () => {
    const id = await publish('front-twice', '2020-01-03');
    expect(await setFrontPage(cliActor, [String(id), String(id), '', '', '', ''])).toMatchObject({ ok: false });
    const draft = await db().article.findUniqueOrThrow({ where: { slug: 'front-older' }, select: { id: true } });
    expect(await setFrontPage(cliActor, [String(draft.id), '', '', '', '', ''])).toEqual({
      ok: false,
      message: '公開中でない記事はトップページに置けません',
    });
  });
});
