import { expect, test } from './support/test';
import { login, query } from './support/admin';
import { ACCOUNTS } from './support/fixtures';

/**
 * Issue #25 from the editor's chair (docs/decisions/0028, 0035): the figures of an AI article held
 * against what its source said, marked in the text; one the source does not hold is asked about in
 * the pre-publish confirmation, answered "checked elsewhere" with a note, and the answer is in the
 * audit log and the revision; readers see the count.
 */

const SOURCE = 'https://example.org/e2e-claims-release';
const SLUG = 'e2e-claims-checked-elsewhere';
const NOTE = '県の災害対策本部の発表資料（10月19日）で確認';

test.beforeAll(async () => {
  // What the source said when it was read: a snapshot kept before the article cites it, so the
  // server has nothing to fetch (it reads only sources never read).
  await query(
    `INSERT INTO source_snapshots (url, final_url, status, content_type, retrieved_at, last_seen_at, content_hash, text)
     VALUES ($1, $1, 200, 'text/html', now(), now(), 'e2e-claims', $2)`,
    [SOURCE, '政府は支援の総額を7億ドルとした。避難者は32,000人に達した。'],
  );
});

test('an editor sees a figure the source does not hold, marks it checked elsewhere with a note, and publishes; the audit log and the revision carry the note, readers see the count', async ({
  page,
}) => {
  await login(page, ACCOUNTS.editor);
  await page.goto('/admin/articles/new');
  await page.getByLabel('タイトル').fill('E2E 支援は7億ドル');
  await page.getByLabel('スラッグ（URL）').fill(SLUG);
  await page.getByLabel('場所').fill('東京');
  await page.getByLabel('カテゴリ').selectOption('society');
  await page.getByLabel('制作方法').selectOption('ai-generated');
  await page.getByLabel('リード', { exact: true }).fill('政府は支援の総額を7億ドルとした。');
  await page.getByLabel('節 1 の見出し').fill('避難');
  await page.getByLabel('節 1 の本文').fill('避難者は三万二千人、負傷者は120人。[1]');
  await page.getByRole('button', { name: '出典を追加' }).click();
  await page.getByLabel('出典 1 の題名').fill('政府発表');
  await page.getByLabel('出典 1 の URL').fill(SOURCE);
  await page.getByRole('button', { name: '下書き保存' }).click();
  await expect(page.getByRole('status')).toHaveText('下書きを保存しました');
  const id = Number(/\/admin\/articles\/(\d+)/.exec(page.url())![1]);

  // On the edit page, the figures are marked where they stand, in words as well as colour.
  const inText = page.getByTestId('facts-in-text').last();
  await expect(inText.locator('mark[data-result="found"]')).toHaveText(['三万二千人✓（出典1で確認）']);
  await expect(inText.locator('mark[data-result="not_found"]')).toHaveText(['120人✗（出典に見つかりません）']);
  // The source's sentence is the found figure's description, shown when it is focused.
  const found = inText.locator('mark[data-result="found"]');
  await found.focus();
  await expect(page.getByRole('tooltip')).toHaveText('出典1「政府発表」：避難者は32,000人に達した。');
  await expect(found).toHaveAccessibleDescription('出典1「政府発表」：避難者は32,000人に達した。');

  // Publishing asks about the figure, and waits for an answer with a note.
  await page.getByRole('button', { name: '今すぐ公開' }).click();
  const dialog = page.getByTestId('publish-checklist');
  const question = dialog.getByTestId('fact-question');
  await expect(question).toContainText('「120人」（避難）');
  const publish = dialog.getByRole('button', { name: '公開する', exact: true });
  await expect(publish).toBeDisabled();
  await question.getByLabel('別の資料で確認済み').check();
  await expect(publish).toBeDisabled();
  await question.getByLabel('どこで確認したか（メモ・必須）').fill(NOTE);
  await expect(publish).toBeEnabled();
  await publish.click();
  await expect(page.getByRole('status')).toHaveText('公開しました');

  // The audit log: who answered, when, and the note.
  const [entry] = await query<{ actor_label: string; detail: { facts: { fact: string; note: string }[] } }>(
    `SELECT actor_label, detail FROM audit_log WHERE action = 'article_claims_decide' AND target_id = $1`,
    [String(id)],
  );
  expect(entry?.actor_label).toBe(ACCOUNTS.editor.email);
  expect(entry?.detail.facts).toEqual([{ fact: '120人', section: '避難', decision: 'checked_elsewhere', note: NOTE }]);
  // The revision that published it carries the answer, shown on the revision history.
  const [published] = await query<{ version: number }>(
    `SELECT version FROM article_revisions WHERE article_id = $1 AND action = 'article_publish' ORDER BY version DESC LIMIT 1`,
    [id],
  );
  await page.goto(`/admin/articles/${id}/revisions`);
  const answers = page.getByTestId('claim-decisions');
  await expect(answers.getByRole('heading', { name: `第${published!.version}版` })).toBeVisible();
  await expect(answers).toContainText(`「120人」（避難）：別の資料で確認済み：${NOTE}（${ACCOUNTS.editor.name}、`);

  // Asked again, the figure is answered already: nothing holds the next publication back.
  await page.goto(`/admin/articles/${id}`);
  await expect(page.getByTestId('fact-decision')).toContainText(`別の資料で確認済み：${NOTE}`);

  // Readers see how many figures were checked against the sources (the check runs after the save).
  await expect(async () => {
    const response = await page.request.get(`/articles/${SLUG}`);
    const html = await response.text();
    expect(html).toContain('数値・日付 3件中 2件を出典で確認');
    // … and the list the statement links to.
    expect(html).toContain('<a href="#checked-facts">一覧</a>');
    expect(html).toContain('<li>「120人」（避難）：出典には見当たりません</li>');
  }).toPass({ timeout: 30_000 });
});
