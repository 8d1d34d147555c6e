import { AUDIT_ACTION_LABELS } from '@/lib/auth/audit';
import type { AuditFilter } from '@/lib/editorial/audit-log';

const field = 'mt-1 w-full rounded border border-rule bg-paper px-2 py-1';

/** A plain GET form: the filters live in the URL, so a filtered log can be linked and bookmarked. */
export function AuditFilters({ filter }: { filter: AuditFilter }) {
  return (
    <form method="get" action="/admin/audit" className="mt-4 grid gap-3 text-sm sm:grid-cols-3 lg:grid-cols-6">
      <div className="sm:col-span-2">
        <label htmlFor="audit-action" className="block font-bold">
          操作
        </label>
        <select id="audit-action" name="action" defaultValue={filter.action ?? ''} className={field}>
          <option value="">すべて</option>
          <option value="editorial">編集の操作（ログイン関連を除く）</option>
          <option value="sign-in">ログイン関連だけ</option>
          {Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-actor" className="block font-bold">
          誰が
        </label>
        <input id="audit-actor" name="actor" defaultValue={filter.actor ?? ''} className={field} />
      </div>
      <div>
        <label htmlFor="audit-article" className="block font-bold">
          記事番号
        </label>
        <input
          id="audit-article"
          name="article"
          inputMode="numeric"
          defaultValue={filter.article ?? ''}
          className={field}
        />
      </div>
      <div>
        <label htmlFor="audit-from" className="block font-bold">
          いつから
        </label>
        <input id="audit-from" name="from" type="date" defaultValue={filter.from ?? ''} className={field} />
      </div>
      <div>
        <label htmlFor="audit-to" className="block font-bold">
          いつまで
        </label>
        <input id="audit-to" name="to" type="date" defaultValue={filter.to ?? ''} className={field} />
      </div>
      <div className="flex items-end gap-3 sm:col-span-3 lg:col-span-6">
        <button type="submit" className="rounded bg-accent px-4 py-1 font-bold text-paper">
          絞り込む
        </button>
        <a href="/admin/audit">条件を外す</a>
      </div>
    </form>
  );
}
