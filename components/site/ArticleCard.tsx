import Link from 'next/link';
import type { ArticleSummary } from '@/lib/articles/views';
import { formatJapaneseDateTime, toTokyoIso } from '@/lib/format/dates';
import { DISCLOSURE_LABELS } from '@/lib/articles/disclosure';
import { routes } from '@/lib/routes/registry';
import { Phrases } from '@/components/site/Phrases';
import { Picture } from '@/components/site/Picture';

const EXCERPT_LENGTH = 90;

export function excerpt(text: string, length = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

export function ArticleCard({ article, headingLevel = 'h2' }: { article: ArticleSummary; headingLevel?: 'h2' | 'h3' }) {
  const Heading = headingLevel;
  const published = new Date(article.publishedAt);
  return (
    <article className="flow-root border-b border-rule py-5">
      {article.thumbnail ? (
        // Decorative: the headline beside it names the story.
        <div className="float-right mb-2 ml-4 w-28 sm:w-40">
          <Picture
            image={article.thumbnail}
            alt=""
            sizes="(min-width: 40rem) 10rem, 7rem"
            className="aspect-[4/3] h-auto w-full rounded object-cover"
          />
        </div>
      ) : null}
      <p className="flex flex-wrap items-center gap-x-3 text-sm text-muted">
        <span>{article.category.name}</span>
        <time dateTime={toTokyoIso(published)}>{formatJapaneseDateTime(published)}</time>
        <span className="rounded border border-rule px-1.5 text-xs" title="この記事の制作方法">
          {DISCLOSURE_LABELS[article.disclosure]}
        </span>
      </p>
      <Heading className="phrase-wrap mt-1 text-xl leading-snug font-bold">
        <Link href={routes.article.href(article.slug)} className="text-ink hover:underline">
          <Phrases text={article.title} />
        </Link>
      </Heading>
      <p className="mt-2 text-[0.95rem] leading-relaxed text-muted">{excerpt(article.lead)}</p>
    </article>
  );
}
