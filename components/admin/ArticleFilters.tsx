import type { CategoryRef } from '@/lib/articles/views';
import type { EditorialStatus } from '@/lib/editorial/save';

export type ArticleFilter = {
  status?: EditorialStatus | 'deleted';
  category?: string;
  author?: string;
  q?: string;
  page: number;
};

/** One of the list's filters: すべて, then its options. */
function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
}) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="block">
        {label}
      </label>
      <select
        id={`filter-${name}`}
        name={name}
        defaultValue={value ?? ''}
        className="rounded border border-rule bg-paper px-2 py-1"
      >
        <option value="">すべて</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The article list's filters: a plain GET form, so a filtered list is a link. */
export function ArticleFilters({
  filter,
  categories,
  authors,
}: {
  filter: ArticleFilter;
  categories: CategoryRef[];
  authors: { id: string; name: string }[];
}) {
  return (
    <form method="get" className="mt-4 flex flex-wrap items-end gap-3 text-sm">
      <FilterSelect
        name="status"
        label="状態"
        value={filter.status}
        options={[
          { value: 'draft', label: '下書き' },
          { value: 'scheduled', label: '予約' },
          { value: 'published', label: '公開中' },
          { value: 'deleted', label: '削除済み' },
        ]}
      />
      <FilterSelect
        name="category"
        label="カテゴリ"
        value={filter.category}
        options={categories.map((category) => ({ value: category.slug, label: category.name }))}
      />
      <FilterSelect
        name="author"
        label="担当者"
        value={filter.author}
        options={authors.map((author) => ({ value: author.id, label: author.name }))}
      />
      <div>
        <label htmlFor="filter-q" className="block">
          タイトル検索
        </label>
        <input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={filter.q ?? ''}
          maxLength={100}
          className="rounded border border-rule bg-paper px-2 py-1"
        />
      </div>
      <button type="submit" className="rounded border border-rule px-3 py-1">
        絞り込む
      </button>
    </form>
  );
}
