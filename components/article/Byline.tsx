import Link from 'next/link';
import { routes } from '@/lib/routes/registry';
import type { ArticleView } from '@/lib/articles/views';

/** Who answers for the article: the responsible editor with their profile, or the newsroom. */
export function Byline({ byline }: { byline: ArticleView['byline'] }) {
  return (
    <p className="mt-1 text-sm text-muted" data-testid="byline">
      担当編集者：
      {byline ? (
        <>
          <Link href={routes.editor.href(byline.slug)} rel="author">
            {byline.name}
          </Link>
          {byline.jobTitle ? `（${byline.jobTitle}）` : null}
        </>
      ) : (
        <Link href={routes.about.href()}>編集部</Link>
      )}
    </p>
  );
}
