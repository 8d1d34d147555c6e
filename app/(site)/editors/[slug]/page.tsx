import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleCard } from '@/components/site/ArticleCard';
import { Breadcrumbs } from '@/components/site/Breadcrumbs';
import { JsonLd } from '@/components/site/JsonLd';
import { SitePage } from '@/components/site/SitePage';
import { TextBlocks } from '@/components/site/TextBlocks';
import { editorProfileJsonLd, pageAlternates, description } from '@/lib/crawlers/seo';
import { getEditorProfile } from '@/lib/editorial/profiles';
import { routes } from '@/lib/routes/registry';

// Rendered on first request, then cached until the editor's profile or an article list changes.
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

async function profileFor(params: Props['params']) {
  const parsed = routes.editor.params.safeParse(await params);
  return parsed.success ? getEditorProfile(parsed.data.slug) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const profile = await profileFor(params);
  if (!profile) return { title: 'ページが見つかりません' };
  const title = `${profile.name}${profile.jobTitle ? `（${profile.jobTitle}）` : ''}`;
  return {
    title,
    description: description(profile.bio),
    alternates: pageAlternates(routes.editor.href(profile.slug)),
    openGraph: { type: 'profile', locale: 'ja_JP', url: routes.editor.href(profile.slug), title },
    // An editor who signs only demo content (the demo's fictional one) is not for search engines.
    ...(profile.indexable ? {} : { robots: { index: false, follow: true } }),
  };
}

/** An editor's public profile: who answers for the articles that carry their name, and which those are. */
export default async function EditorProfilePage({ params }: Props) {
  const profile = await profileFor(params);
  if (!profile) notFound();
  return (
    <SitePage>
      <div className="measure mx-auto px-4 pt-4 text-[1.0625rem]">
        <JsonLd data={editorProfileJsonLd(profile)} />
        <Breadcrumbs
          items={[
            { name: 'ホーム', href: '/' },
            { name: '発行者について', href: routes.about.href() },
            { name: profile.name },
          ]}
        />
        <h1 className="mt-3 text-2xl font-bold">{profile.name}</h1>
        {profile.jobTitle ? <p className="text-muted">{profile.jobTitle}</p> : null}
        <div className="article-body mt-4">
          <TextBlocks value={profile.bio} />
        </div>
        <p className="mt-4 text-sm text-muted">
          Kiji の記事は AI
          が公的資料と報道から組み立てます。署名のある記事は、この編集者が内容を確かめ、責任を持ちます。
        </p>
        <section aria-labelledby="signed-heading" className="mt-8">
          <h2 id="signed-heading" className="text-lg font-bold">
            担当した記事
          </h2>
          {profile.articles.length === 0 ? (
            <p className="mt-2 text-muted">公開中の担当記事はまだありません。</p>
          ) : (
            profile.articles.map((article) => <ArticleCard key={article.slug} article={article} headingLevel="h3" />)
          )}
        </section>
      </div>
    </SitePage>
  );
}
