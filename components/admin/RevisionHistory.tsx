import type { DiffLine } from '@/lib/editorial/revision-diff';
import type { RevisionSummary } from '@/lib/editorial/revisions';
import { restoreRevisionAction } from '@/app/admin/_actions/articles';
import { ConfirmSubmit } from './ConfirmSubmit.client';
import { formatJapaneseDateTime } from '@/lib/format/dates';

/** Every version with who made it and how; two of them chosen to compare (a plain GET form). */
export function RevisionTable({ revisions, from, to }: { revisions: RevisionSummary[]; from: number; to: number }) {
  return (
    <form method="get" className="mt-4">
      <table className="w-full border-collapse text-sm">
        <thead>
          <tr className="border-b border-ink text-left">
            <th scope="col">版</th>
            <th scope="col">保存日時</th>
            <th scope="col">保存した人</th>
            <th scope="col">操作</th>
            <th scope="col">比較元</th>
            <th scope="col">比較先</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((revision) => (
            <tr key={revision.version} className="border-b border-rule">
              <td className="py-2">第{revision.version}版</td>
              <td>{formatJapaneseDateTime(new Date(revision.createdAt))}</td>
              <td>{revision.author}</td>
              <td>{revision.action ?? '—'}</td>
              <td>
                <input
                  type="radio"
                  name="from"
                  value={revision.version}
                  defaultChecked={revision.version === from}
                  aria-label={`第${revision.version}版を比較元にする`}
                />
              </td>
              <td>
                <input
                  type="radio"
                  name="to"
                  value={revision.version}
                  defaultChecked={revision.version === to}
                  aria-label={`第${revision.version}版を比較先にする`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {revisions.length > 1 ? (
        <button type="submit" className="mt-3 rounded border border-rule px-3 py-1 text-sm">
          比較する
        </button>
      ) : null}
    </form>
  );
}

/** A changed line with its changed words marked as deleted or inserted text. */
export function DiffText({ line }: { line: DiffLine }) {
  if (!line.parts) return <>{line.text}</>;
  const Mark = line.kind === 'removed' ? 'del' : 'ins';
  return (
    <>
      {line.parts.map((part, index) =>
        part.changed ? (
          <Mark key={index} className="font-bold decoration-2">
            {part.text}
          </Mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}

/** What changed between two versions, line by line, with the changed words marked. */
export function RevisionDiff({ diff, from, to }: { diff: DiffLine[]; from: number; to: number }) {
  return (
    <section aria-labelledby="diff-heading" className="mt-6">
      <h2 id="diff-heading" className="text-lg font-bold">
        第{from}版 → 第{to}版の差分
      </h2>
      <pre className="mt-2 overflow-auto rounded border border-rule p-3 text-xs whitespace-pre-wrap">
        {diff.map((line, index) => (
          <span
            key={index}
            className={
              line.kind === 'added'
                ? 'block bg-ok-soft text-ok'
                : line.kind === 'removed'
                  ? 'block bg-danger-soft text-danger'
                  : 'block'
            }
          >
            {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  '}
            <DiffText line={line} />
          </span>
        ))}
      </pre>
    </section>
  );
}

/** Restores an earlier version as a new one. */
export function RestoreRevision({ articleId, revisions }: { articleId: number; revisions: RevisionSummary[] }) {
  return (
    <section aria-labelledby="restore-heading" className="mt-6">
      <h2 id="restore-heading" className="text-lg font-bold">
        版を復元する
      </h2>
      <p className="text-sm text-muted">復元は新しい版として保存されます。公開状態は変わりません。</p>
      <ul className="mt-2 flex flex-wrap gap-2">
        {revisions.slice(1).map((revision) => {
          // A correction saved after this version fixed something this version still says.
          const correction = revisions.find((later) => later.version > revision.version && later.corrects);
          return (
            <li key={revision.version}>
              <form action={restoreRevisionAction}>
                <input type="hidden" name="id" value={articleId} />
                <input type="hidden" name="version" value={revision.version} />
                <ConfirmSubmit
                  title={`第${revision.version}版を復元しますか？`}
                  consequence={`${
                    correction
                      ? `注意：この版は第${correction.version}版の訂正より前の内容です。復元すると、訂正した誤りが記事に戻ります（訂正のお知らせは記事に残ります）。`
                      : ''
                  }今の内容を第${revision.version}版の内容で置き換え、新しい版として保存します。公開中の記事なら、すぐに公開ページに反映されます。復元の後で「元に戻す」ができます。`}
                  confirmLabel={`第${revision.version}版を復元する`}
                  className="rounded border border-ink px-3 py-1 text-sm"
                >
                  第{revision.version}版を復元
                </ConfirmSubmit>
              </form>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
