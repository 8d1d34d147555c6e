import type { Metadata } from 'next';
import { AdminLink as Link } from '@/components/admin/AdminLink.client';
import { notFound } from 'next/navigation';
import { RestoreRevision, RevisionDiff, RevisionTable } from '@/components/admin/RevisionHistory';
import { requireEditorPage } from '@/lib/auth/session';
import { compareRevisions, listRevisions } from '@/lib/editorial/revisions';
import { parseDatabaseId } from '@/lib/routes/query-params';
import { ClaimDecisionList } from '@/components/admin/ClaimDecisionList';
import { decisionsByRevision } from '@/lib/articles/claims/decisions';

export const metadata: Metadata = { title: '変更履歴' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string; to?: string; error?: string }> };

export default async function RevisionsPage({ params, searchParams }: Props) {
  const actor = await requireEditorPage();
  const id = parseDatabaseId((await params).id);
  if (id === null) notFound();
  const revisions = await listRevisions(actor, id);
  const query = await searchParams;
  // A version past the database's integer is no version: nothing is compared (it used to be a 500).
  const from = parseDatabaseId(query.from ?? revisions[1]?.version) ?? 0;
  const to = parseDatabaseId(query.to ?? revisions[0]?.version) ?? 0;
  const diff = from && to ? await compareRevisions(actor, id, from, to) : null;
  return (
    <>
      <h1 className="text-2xl font-bold">変更履歴</h1>
      <p className="mt-1 text-sm">
        <Link href={`/admin/articles/${id}`}>記事の編集に戻る</Link>
      </p>
      {query.error ? (
        <p role="alert" className="mt-3 text-sm text-danger">
          {query.error}
        </p>
      ) : null}
      {revisions.length === 0 ? <p className="mt-4">まだ履歴はありません。</p> : null}
      <RevisionTable revisions={revisions} from={from} to={to} />
      {diff ? <RevisionDiff diff={diff} from={from} to={to} /> : null}
      <RestoreRevision articleId={id} revisions={revisions} />
      <ClaimDecisionList groups={await decisionsByRevision(actor, id)} />
    </>
  );
}
