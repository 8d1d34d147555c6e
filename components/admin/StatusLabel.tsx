const LABELS = { draft: '下書き', scheduled: '予約', published: '公開中' } as const;

export function StatusLabel({ status, deleted }: { status: keyof typeof LABELS; deleted?: boolean }) {
  if (deleted) return <span className="rounded bg-ink px-2 text-xs text-paper">削除済み</span>;
  const tone =
    status === 'published'
      ? 'border-ok text-ok'
      : status === 'scheduled'
        ? 'border-accent text-accent'
        : 'border-rule text-muted';
  return <span className={`rounded border px-2 text-xs ${tone}`}>{LABELS[status]}</span>;
}
