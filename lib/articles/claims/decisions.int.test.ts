import { afterAll, describe, expect, it } from 'vitest';
import { cliActor, type Actor } from '../../auth/actor';
import { importArticleDocument } from '../../editorial/importer';
import { db, disconnectDb } from '../../platform/db';
import { claimsForEditor } from '../snapshots/store';
import { decisionsByRevision, factsToDecide, recordFactDecisions } from './decisions';
import { getArticleForEdit, saveArticle } from '../../editorial/save';

/** The editor's answers about figures the sources did not hold (docs/decisions/0035). */

const SOURCE = 'https://decisions.example.jp/release';
const editor: Actor = {
  kind: 'user',
  userId: 'u-claims-editor',
  email: 'claims@example.jp',
  name: '照合 編集者',
  role: 'editor',
};

afterAll(async () => {
  await db().user.deleteMany({ where: { id: editor.kind === 'user' ? editor.userId : '' } });
  await disconnectDb();
});

const document = (lead = '政府は支援の総額を7億ドルとした。') => ({
  title: '支援は7億ドル',
  lead,
  sections: [{ heading: '避難', paragraphs: ['避難者は三万二千人、負傷者は120人。'] }],
  sources: [{ title: '政府発表', url: SOURCE, publisher: '内閣府' }],
});

async function articleWithSnapshot(slug: string, disclosure: 'ai-generated' | 'human' = 'ai-generated') {
  await db().user.upsert({
    where: { id: 'u-claims-editor' },
    create: { id: 'u-claims-editor', name: '照合 編集者', email: 'claims@example.jp', role: 'editor' },
    update: {},
  });
  const saved = await importArticleDocument(cliActor, { ...document(), disclosure }, { slug, status: 'draft' });
  if ((await db().sourceSnapshot.count({ where: { url: SOURCE } })) === 0) {
    const at = new Date('2025-10-19T03:00:00Z');
    await db().sourceSnapshot.create({
      data: {
        url: SOURCE,
        status: 200,
        retrievedAt: at,
        lastSeenAt: at,
        contentHash: 'd1',
        text: '支援の総額は7億ドル。避難者は32,000人。',
      },
    });
  }
  return saved;
}

describe('the figures an editor is asked about before publishing', () => {
  it('asks about each figure the sources do not hold, and requires an answer for an AI article only', async () => {
    const ai = await articleWithSnapshot('decisions-ask');
    expect(await factsToDecide(editor, ai.id)).toMatchObject({
      required: true,
      facts: [{ fact: '120人', section: '避難', decision: null }],
    });
    const human = await articleWithSnapshot('decisions-human', 'human');
    expect((await factsToDecide(editor, human.id)).required).toBe(false);
    // What is being published counts: the form may say AI before it is saved.
    expect((await factsToDecide(editor, human.id, 'ai-assisted')).required).toBe(true);
  });

  it('refuses "checked elsewhere" without a note saying where, and keeps nothing', async () => {
    const saved = await articleWithSnapshot('decisions-no-note');
    const result = await recordFactDecisions(editor, saved.id, [
      { section: '避難', fact: '120人', decision: 'checked_elsewhere', note: '  ' },
    ]);
    expect(result).toEqual({ ok: false, message: '別の資料で確認した数値には、どこで確認したかのメモが必要です' });
    expect(await db().claimDecision.count({ where: { articleId: saved.id } })).toBe(0);
  });

  it('records the answer, its note, who and when, in the audit log; the answer clears the question', async () => {
    const saved = await articleWithSnapshot('decisions-record');
    const before = new Date();
    expect(
      await recordFactDecisions(editor, saved.id, [
        { section: '避難', fact: '120人', decision: 'checked_elsewhere', note: '県の発表で確認\r\n（10月19日）　' },
        // Found in the source: nothing to answer, so nothing is kept.
        { section: 'リード', fact: '7億ドル', decision: 'confirmed' },
      ]),
    ).toEqual({ ok: true, recorded: 1 });
    const [entry] = await db().auditEntry.findMany({
      where: { action: 'article_claims_decide', targetId: String(saved.id) },
    });
    expect(entry).toMatchObject({
      actorId: 'u-claims-editor',
      actorLabel: 'claims@example.jp',
      detail: {
        facts: [
          { fact: '120人', section: '避難', decision: 'checked_elsewhere', note: '県の発表で確認\n（10月19日）' },
        ],
      },
    });
    expect(entry!.at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    const asked = await factsToDecide(editor, saved.id);
    expect(asked.facts[0]!.decision).toMatchObject({
      decision: 'checked_elsewhere',
      note: '県の発表で確認\n（10月19日）',
      by: '照合 編集者',
      revisionVersion: null,
    });
    const panel = await claimsForEditor(editor, saved.id);
    const notFound = panel.sections.flatMap((section) => section.facts).find((fact) => fact.result === 'not_found');
    expect(notFound?.decision?.note).toBe('県の発表で確認\n（10月19日）');
  });

  it('has the next revision of the article carry the answer', async () => {
    const saved = await articleWithSnapshot('decisions-revision');
    await recordFactDecisions(editor, saved.id, [
      { section: '避難', fact: '120人', decision: 'confirmed', note: '記者が現地で確認' },
    ]);
    expect(await decisionsByRevision(editor, saved.id)).toMatchObject([{ version: null }]);
    const published = await importArticleDocument(cliActor, document(), {
      slug: 'decisions-revision',
      status: 'published',
    });
    const revision = await db().articleRevision.findFirstOrThrow({
      where: { articleId: saved.id },
      orderBy: { version: 'desc' },
    });
    expect(published.id).toBe(saved.id);
    const grouped = await decisionsByRevision(editor, saved.id);
    expect(grouped).toMatchObject([
      { version: revision.version, decisions: [{ fact: '120人', decision: 'confirmed', note: '記者が現地で確認' }] },
    ]);
    // A later save carries nothing more: the answer belongs to the revision after it was given.
    await importArticleDocument(cliActor, document('政府は支援の総額を7億ドルと発表した。'), {
      slug: 'decisions-revision',
    });
    expect((await decisionsByRevision(editor, saved.id)).map((group) => group.version)).toEqual([revision.version]);
  });

  it('asks again about a figure rewritten after the answer', async () => {
    const saved = await articleWithSnapshot('decisions-rewritten');
    await recordFactDecisions(editor, saved.id, [{ section: '避難', fact: '120人', decision: 'confirmed' }]);
    await importArticleDocument(
      cliActor,
      { ...document(), sections: [{ heading: '避難', paragraphs: ['避難者は三万二千人、負傷者は130人。'] }] },
      { slug: 'decisions-rewritten' },
    );
    expect((await factsToDecide(editor, saved.id)).facts).toMatchObject([{ fact: '130人', decision: null }]);
  });

  it('does not let an integration key answer for an editor', async () => {
    const saved = await articleWithSnapshot('decisions-key');
    const key: Actor = { kind: 'integration', keyId: 1, name: 'pipeline', scopes: ['articles:write'] };
    await expect(
      recordFactDecisions(key, saved.id, [{ section: '避難', fact: '120人', decision: 'confirmed' }]),
    ).rejects.toThrow('連携キーでは照合の判断を記録できません');
  });
});

describe('a source that changed after the article was written', () => {
  it('is named to the editor until the article is saved again', async () => {
    const url = 'https://decisions.example.jp/changing';
    const saved = await importArticleDocument(
      cliActor,
      { ...document(), sources: [{ title: '変わる発表', url }] },
      { slug: 'decisions-source-changed' },
    );
    const old = new Date(Date.now() - 86_400_000);
    await db().sourceSnapshot.create({
      data: { url, status: 200, retrievedAt: old, lastSeenAt: old, contentHash: 'c1', text: '避難者は32,000人。' },
    });
    const state = async () => (await claimsForEditor(editor, saved.id)).sources[0]!;
    expect(await state()).toMatchObject({ versions: 1, changedSinceSaved: null });
    const now = new Date(Date.now() + 1000);
    await db().sourceSnapshot.create({
      data: { url, status: 200, retrievedAt: now, lastSeenAt: now, contentHash: 'c2', text: '避難者は33,000人。' },
    });
    expect(await state()).toMatchObject({ versions: 2, changedSinceSaved: now.toISOString() });
    await db().article.update({ where: { id: saved.id }, data: { updatedAt: new Date(now.getTime() + 1000) } });
    expect(await state()).toMatchObject({ versions: 2, changedSinceSaved: null });
  });

  it('refuses on the server to publish an AI article with a figure nobody answered for, and publishes once it is answered', async () => {
    const saved = await articleWithSnapshot('decisions-server-rule');
    const publish = async () => {
      const editable = (await getArticleForEdit(editor, saved.id))!;
      return saveArticle(editor, {
        id: saved.id,
        baseVersion: editable.version,
        intent: 'publish',
        values: editable.values,
      });
    };
    const refused = await publish();
    expect(refused).toMatchObject({ ok: false });
    expect(refused.ok ? '' : refused.message).toContain('「120人」（避難）');
    expect((await db().article.findUniqueOrThrow({ where: { id: saved.id } })).status).toBe('draft');

    await recordFactDecisions(editor, saved.id, [
      { section: '避難', fact: '120人', decision: 'checked_elsewhere', note: '県の発表（10月19日）で確認' },
    ]);
    expect(await publish()).toMatchObject({ ok: true });
    expect((await db().article.findUniqueOrThrow({ where: { id: saved.id } })).status).toBe('published');
  });
});
