import type { CategoryRef } from '@/lib/articles/views';
import type { EditorialStatus } from '@/lib/editorial/editing';

export type ArticleFilter = {
  status?: EditorialStatus | 'deleted';
  category?: string;
  author?: string;
  q?: string;
  page: number;
};

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
      <div>
        <label htmlFor="filter-status" className="block">
          状態
        </label>
        <select
          id="filter-status"
          name="status"
          defaultValue={filter.status ?? ''}
          className="rounded border border-rule bg-paper px-2 py-1"
        >
          <option value="">すべて</option>
          <option value="draft">下書き</option>
          <option value="scheduled">予約</option>
          <option value="published">公開中</option>
          <option value="deleted">削除済み</option>
        </select>
      </div>
      <div>
        <label htmlFor="filter-category" className="block">
          カテゴリ
        </label>
        <select
          id="filter-category"
          name="category"
          defaultValue={filter.category ?? ''}
          className="rounded border border-rule bg-paper px-2 py-1"
        >
          <option value="">すべて</option>
          {categories.map((category) => (
            <option key={category.slug} value={category.slug}>
              {category.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-author" className="block">
          担当者
        </label>
        <select
          id="filter-author"
          name="author"
          defaultValue={filter.author ?? ''}
          className="rounded border border-rule bg-paper px-2 py-1"
        >
          <option value="">すべて</option>
          {authors.map((author) => (
            <option key={author.id} value={author.id}>
              {author.name}
            </option>
          ))}
        </select>
      </div>
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
