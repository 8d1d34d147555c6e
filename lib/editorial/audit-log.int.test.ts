import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor, type Actor } from '../auth/actor';
import { db, disconnectDb } from '../platform/db';
import { auditFilterSchema, auditQuery, listAudit } from './audit-log';
import { publishArticle, userActor } from '../../scripts/test-support/integration';
import { setFrontPage } from './front-page';

afterAll(disconnectDb);

const editor = userActor('u-audit', 'editor', { email: 'editor@example.jp', name: '編集' });
const admin = userActor('u-audit', 'admin', { email: 'editor@example.jp', name: '編集' });
const filter = (query: Record<string, string>) => auditFilterSchema.parse(query);

beforeAll(async () => {
  await db().auditEntry.createMany({
    data: [
      {
        actorLabel: 'audit-a@example.jp',
        action: 'article_correct',
        targetType: 'article',
        targetId: '9001',
        at: new Date('2026-11-01T01:00:00Z'),
      },
      {
        actorLabel: 'audit-b@example.jp',
        action: 'article_edit',
        targetType: 'article',
        targetId: '9002',
        at: new Date('2026-11-02T16:00:00Z'),
      },
      {
        actorLabel: 'audit-a@example.jp',
        action: 'login_failed',
        detail: { ip: '203.0.113.9', failures: 1 },
        at: new Date('2026-11-03T01:00:00Z'),
      },
      {
        actorLabel: 'unlocking-admin@example.jp',
        action: 'login_unlock',
        detail: { key: 'pair:victim@test.jp|127.0.0.40' },
        at: new Date('2026-11-03T02:00:00Z'),
      },
      {
        actorLabel: 'unlocking-admin@example.jp',
        action: 'login_unlock',
        detail: { key: 'ip:2001:db8::7' },
        at: new Date('2026-11-03T02:01:00Z'),
      },
      {
        actorLabel: 'webhook-admin@example.jp',
        action: 'webhook_create',
        targetType: 'webhook',
        targetId: '1',
        detail: { url: 'https://partner.example/hook?token=s3cret', events: 'article.published' },
        at: new Date('2026-11-03T03:00:00Z'),
      },
    ],
  });
});

describe('the audit log', () => {
  it('filters by action group, actor, article and Japan-time day, and counts what it found', async () => {
    const audited = (rows: { actor: string; action: string }[]) =>
      rows.filter((row) => row.actor.startsWith('audit-')).map((row) => `${row.actor} ${row.action}`);
    expect(audited((await listAudit(editor, filter({ action: 'editorial', actor: 'audit-' }))).rows)).toEqual([
      'audit-b@example.jp article_edit',
      'audit-a@example.jp article_correct',
    ]);
    expect(audited((await listAudit(editor, filter({ action: 'sign-in', actor: 'AUDIT-A' }))).rows)).toEqual([
      'audit-a@example.jp login_failed',
    ]);
    const byArticle = await listAudit(editor, filter({ article: '9001' }));
    expect(byArticle.total).toBe(1);
    // 2026-11-02T16:00Z is 11月3日 01:00 in Japan.
    expect(
      audited((await listAudit(editor, filter({ from: '2026-11-03', to: '2026-11-03', actor: 'audit-' }))).rows),
    ).toEqual(['audit-a@example.jp login_failed', 'audit-b@example.jp article_edit']);
  });

  it('shows sign-in addresses to admins, and the rest of the record to editors', async () => {
    const [forEditor] = (await listAudit(editor, filter({ action: 'login_failed', actor: 'audit-a' }))).rows;
    const [forAdmin] = (await listAudit(admin, filter({ action: 'login_failed', actor: 'audit-a' }))).rows;
    expect(forEditor?.detail).toBe('{"failures":1}');
    expect(forAdmin?.detail).toBe('{"ip":"203.0.113.9","failures":1}');
    expect((await listAudit(cliActor, filter({ action: 'login_failed', actor: 'audit-a' }))).rows[0]?.detail).toContain(
      'ip',
    );
  });

  it('hides the address inside a cleared lock’s key from editors, IPv4 and IPv6 alike, and shows it to admins', async () => {
    const details = async (actor: Actor) =>
      (await listAudit(actor, filter({ action: 'login_unlock', actor: 'unlocking-admin' }))).rows.map(
        (row) => row.detail,
      );
    const forEditor = await details(editor);
    expect(forEditor).toEqual(['{"key":"ip"}', '{"key":"pair:victim@test.jp"}']);
    expect(forEditor.join(' ')).not.toMatch(/127\.0\.0\.40|2001:db8/);
    expect(await details(admin)).toEqual(['{"key":"ip:2001:db8::7"}', '{"key":"pair:victim@test.jp|127.0.0.40"}']);
  });

  it('shows a webhook endpoint’s URL to admins only, and the rest of its record to editors', async () => {
    const detail = async (actor: Actor) =>
      (await listAudit(actor, filter({ action: 'webhook_create', actor: 'webhook-admin' }))).rows[0]?.detail;
    expect(await detail(editor)).toBe('{"events":"article.published"}');
    expect(await detail(admin)).toContain('token=s3cret');
  });

  it('ignores a malformed filter instead of failing, and keeps the filters in its paging links', () => {
    expect(filter({ page: 'x', action: 'drop table', article: '-1', from: '2026/11/01' })).toEqual({ page: 1 });
    expect(auditQuery(filter({ action: 'editorial', actor: 'a b' }), 2)).toBe('?action=editorial&actor=a+b&page=2');
    expect(auditQuery(filter({}), 1)).toBe('');
  });
});

describe('the audit log as a person reads it', () => {
  it('names articles by their titles and states in words, not ids and codes', async () => {
    const first = await publishArticle(cliActor, 'audit-words-1', new Date('2024-01-02T03:00:00Z'), {
      title: '監査ログで読む一つ目',
    });
    const second = await publishArticle(cliActor, 'audit-words-2', new Date('2024-01-03T03:00:00Z'), {
      title: '監査ログで読む二つ目',
    });
    await setFrontPage(cliActor, [String(second), String(first), '', '', '', '']);
    const [frontPage] = (await listAudit(editor, filter({ action: 'front_page_update' }))).rows;
    expect(frontPage?.targetLabel).toBe('トップページ');
    expect(frontPage?.summary).toBe('記事: 「監査ログで読む二つ目」、「監査ログで読む一つ目」');
    const [published] = (await listAudit(editor, filter({ article: String(first) }))).rows;
    expect(published?.targetLabel).toBe(`「監査ログで読む一つ目」（記事 ${first}）`);
    expect(published?.targetHref).toBe(`/admin/articles/${first}`);
    expect(published?.summary).toContain('状態: 公開中');
    await setFrontPage(cliActor, ['', '', '', '', '', '']);
    const [emptied] = (await listAudit(editor, filter({ action: 'front_page_update' }))).rows;
    expect(emptied?.summary).toBe('記事: なし（新しい順）');
  });
});
