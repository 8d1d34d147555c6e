import { SITE_TAGLINE, STANDARD_DISCLAIMER } from '@/lib/article-text/site-text';

export function SiteFooter() {
  return (
    <footer className="site-footer mt-16 border-t border-rule text-sm text-muted print:mt-4">
      <div className="mx-auto max-w-5xl space-y-2 px-4 py-8">
        <p className="font-bold">{SITE_TAGLINE}</p>
        <p data-nosnippet="">{STANDARD_DISCLAIMER}</p>
        <p>© Kiji — オープンソースのニュースサイト</p>
      </div>
    </footer>
  );
}
