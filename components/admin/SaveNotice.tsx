const SAVED: Record<string, string> = {
  draft: '下書きを保存しました',
  publish: '公開しました',
  schedule: '予約公開を設定しました',
  unpublish: '公開を取り消しました',
  delete: '記事を削除しました（管理者が復元できます）',
  restore: '記事を下書きとして復元しました（公開するには、内容を確かめて公開してください）',
  revision: '選んだ版を復元しました（新しい版として保存）',
  import: '取り込んだ記事を下書きとして保存しました',
  correction: '訂正を追加しました',
};

/** What the last action did (`?saved=publish`), or why it failed (`?error=…`). */
export function SaveNotice({ saved, error }: { saved?: string; error?: string }) {
  const message = SAVED[saved ?? ''];
  return (
    <>
      {message ? (
        <p role="status" className="mb-4 rounded border border-ok bg-ok-soft p-3 text-sm text-ok">
          {message}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mb-4 rounded border border-danger p-3 text-sm text-danger">
          {error}
        </p>
      ) : null}
    </>
  );
}
