import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor, type Actor } from '../auth/actor';
import { getArticleForEdit, saveArticle } from '../editorial/save';
import { blankFormValues } from '../articles/input';
import { db, disconnectDb } from '../platform/db';
import { reloadConfig } from '../platform/config';
import { createApiKey, type KeyActor } from './keys';
import { decideSubmission, listReviewQueue, startReview } from './review';
import { createWebhookEndpoint } from './webhooks';
import { readSubmissionReport, submit } from './submissions';

// The webhook registered below is on 127.0.0.1, as tests and local development may (KIJI_ALLOW_PRIVATE_FETCH).
process.env.KIJI_ALLOW_PRIVATE_FETCH = '1';
reloadConfig();
afterAll(async () => {
  Reflect.deleteProperty(process.env, 'KIJI_ALLOW_PRIVATE_FETCH');
  reloadConfig();
  await disconnectDb();
});

const editor: Actor = {
  kind: 'user',
  userId: 'review-editor',
  email: 'review@example.jp',
  name: '確認する編集者',
  role: 'editor',
};
let pipeline: KeyActor;

beforeAll(async () => {
  await db().user.create({
    data: { id: 'review-editor', name: '確認する編集者', email: 'review@example.jp', role: 'editor' },
  });
  const key = await createApiKey(cliActor, {
    name: '確認用パイプライン',
    scopes: ['submissions:write', 'submissions:read'],
  });
  pipeline = { kind: 'integration', keyId: key.id, name: key.name, scopes: key.scopes };
});

const BODY =
  '政府は18日、台風で被害を受けた地域への支援策を発表した。被災した中小企業への無利子融資と、住宅の再建費用の補助が柱となる。自治体を通じた申請の受け付けは来月から始まる。';

function document(slug: string, title: string, body = BODY, extra: Record<string, unknown> = {}) {
  return {
    title,
    lead: `${title}。政府の発表をまとめた。`,
    sections: [{ heading: '支援策の中身', paragraphs: [body] }],
    sources: [
      { title: '内閣府 発表資料', url: 'https://www.cao.go.jp/' },
      { title: '中小企業庁', url: 'https://www.chusho.meti.go.jp/' },
    ],
    slug,
    generation: { model: 'kiji-writer', provider: 'Example AI', promptVersion: 'v3' },
    ...extra,
  };
}

async function send(value: unknown) {
  const answer = await submit(pipeline, {
    contentType: 'application/json',
    body: new TextEncoder().encode(JSON.stringify(value)),
    query: new URLSearchParams(),
    idempotencyKey: null,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(202);
  return answer.body.id as string;
}

describe('the review queue', () => {
  it('lists submissions awaiting an editor oldest first, with their sources count, and warns of a near-duplicate naming the article and how similar', async () => {
    const existing = await saveArticle(cliActor, {
      intent: 'publish',
      values: {
        ...blankFormValues(new Date('2026-12-01T00:00:00Z')),
        title: '台風被害の地域に支援策、政府が発表',
        slug: 'typhoon-support-published',
        lead: '政府は支援策を発表した。',
        sections: [{ heading: '支援策', body: BODY, cites: '' }],
        sources: [{ title: '内閣府', url: 'https://www.cao.go.jp/', publisher: '', date: '' }],
      },
    });
    if (!existing.ok) throw new Error(existing.message);

    const older = await send(
      document('queue-older', '台風被害の地域に支援策、政府が発表する', BODY.replace('発表した', '公表した')),
    );
    const newer = await send(
      document(
        'queue-newer',
        '日銀が金利を据え置き',
        '日銀は金融政策決定会合で、短期金利の誘導目標を据え置くことを決めた。物価の見通しは前回から引き上げた。',
        {
          sources: [],
          noSourcesReason: undefined,
        },
      ),
    );
    const { awaiting } = await listReviewQueue(editor);
    const ids = awaiting.map((item) => item.id);
    expect(ids.indexOf(older)).toBeLessThan(ids.indexOf(newer));
    const olderItem = awaiting.find((item) => item.id === older)!;
    expect(olderItem).toMatchObject({ sourcesCount: 2, keyName: '確認用パイプライン', state: 'received' });
    expect(olderItem.duplicate).toMatchObject({ articleId: existing.id, slug: 'typhoon-support-published' });
    expect(olderItem.duplicate!.similarity).toBeGreaterThan(0.5);
    const newerItem = awaiting.find((item) => item.id === newer)!;
    expect(newerItem.duplicate).toBeNull();
    expect(newerItem).toMatchObject({ sourcesCount: 0, flags: ['no_sources'] });
  });

  it('takes a request for changes with a note the pipeline reads; a resubmission comes back to the queue; then approve, and the editor publishes', async () => {
    const id = await send(
      document('queue-cycle', '支援策の申請受け付けが始まる', BODY, { source: 'desk', externalId: 'cycle-1' }),
    );
    expect(await startReview(editor, id)).toEqual(expect.any(Number));
    expect((await readSubmissionReport(pipeline, id))!.state).toBe('in_review');

    expect(await decideSubmission(editor, { id, decision: 'request_changes', note: '' })).toMatchObject({ ok: false });
    expect(
      await decideSubmission(editor, { id, decision: 'request_changes', note: '見出しに日付を入れてください' }),
    ).toMatchObject({ ok: true });
    const asked = (await readSubmissionReport(pipeline, id))!;
    expect(asked.state).toBe('changes_requested');
    expect(asked.notes).toEqual([
      expect.objectContaining({
        decision: 'request_changes',
        note: '見出しに日付を入れてください',
        by: '確認する編集者',
      }),
    ]);
    expect((await listReviewQueue(editor)).awaiting.map((item) => item.id)).not.toContain(id);
    const audited = await db().auditEntry.findFirstOrThrow({
      where: { action: 'submission_request_changes', targetId: id },
    });
    expect(audited.actorLabel).toBe('review@example.jp');

    await send(
      document('queue-cycle', '支援策の申請受け付けが12月から始まる', BODY, { source: 'desk', externalId: 'cycle-1' }),
    );
    expect((await readSubmissionReport(pipeline, id))!).toMatchObject({ state: 'received', revision: 2 });
    expect((await listReviewQueue(editor)).awaiting.map((item) => item.id)).toContain(id);

    const hook = await createWebhookEndpoint(cliActor, {
      url: 'http://127.0.0.1:9/never-called',
      events: ['submission.state_changed'],
    });
    expect(await decideSubmission(editor, { id, decision: 'approve', note: '' })).toMatchObject({ ok: true });
    expect((await readSubmissionReport(pipeline, id))!.state).toBe('approved');
    const event = await db().webhookDelivery.findFirstOrThrow({ where: { endpointId: hook.id } });
    expect(event.payload).toMatchObject({
      type: 'submission.state_changed',
      data: { submissionId: id, state: 'approved' },
    });
    await db().webhookEndpoint.update({ where: { id: hook.id }, data: { disabledAt: new Date() } });
    expect((await listReviewQueue(editor)).approved.map((item) => item.id)).toContain(id);

    const submission = await db().submission.findUniqueOrThrow({ where: { id } });
    const editable = (await getArticleForEdit(editor, submission.articleId))!;
    const published = await saveArticle(editor, {
      id: submission.articleId,
      baseVersion: editable.version,
      intent: 'publish',
      values: { ...editable.values, title: '支援策の申請受け付け、12月から始まる' },
    });
    expect(published.ok).toBe(true);
    const report = (await readSubmissionReport(pipeline, id))!;
    expect(report.state).toBe('published');
    expect(report.url).toMatch(/\/articles\/queue-cycle$/);
    expect(report.editorChanges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'removed',
          text: expect.stringContaining('支援策の申請受け付けが12月から始まる'),
        }),
        expect.objectContaining({
          kind: 'added',
          text: expect.stringContaining('支援策の申請受け付け、12月から始まる'),
        }),
      ]),
    );
    expect(await decideSubmission(editor, { id, decision: 'reject', note: '遅すぎた' })).toMatchObject({ ok: false });
    expect((await listReviewQueue(editor)).approved.map((item) => item.id)).not.toContain(id);
  });

  it('rejects with a note, audited, and a rejected submission cannot be resubmitted under its natural key', async () => {
    const id = await send(
      document('queue-rejected', '却下される入稿', BODY, { source: 'desk', externalId: 'rejected-1' }),
    );
    expect(await decideSubmission(editor, { id, decision: 'reject', note: '' })).toMatchObject({ ok: false });
    expect(await decideSubmission(editor, { id, decision: 'reject', note: '既報と同じ内容です' })).toMatchObject({
      ok: true,
    });
    expect((await readSubmissionReport(pipeline, id))!.state).toBe('rejected');
    expect(await db().auditEntry.count({ where: { action: 'submission_reject', targetId: id } })).toBe(1);
    const again = await submit(pipeline, {
      contentType: 'application/json',
      body: new TextEncoder().encode(
        JSON.stringify(
          document('queue-rejected', '却下される入稿', BODY, { source: 'desk', externalId: 'rejected-1' }),
        ),
      ),
      query: new URLSearchParams(),
      idempotencyKey: null,
    });
    expect(again.status).toBe(409);
  });

  it('is not for integration keys', async () => {
    await expect(listReviewQueue(pipeline)).rejects.toThrow();
    const id = await send(document('queue-key', 'キーは判断できない', BODY));
    expect(await decideSubmission(pipeline, { id, decision: 'approve', note: '' })).toMatchObject({ ok: false });
  });
});
