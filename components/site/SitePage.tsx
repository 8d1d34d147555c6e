import type { ReactNode } from 'react';
import { SiteHeader, type CurrentSection } from './SiteHeader';
import { getBreaking } from '@/lib/editorial/breaking';

/**
 * A public page's header and main region. Each page renders it, not the layout, because only the
 * page knows which section it is in, for the navigation to mark (without a request header, which
 * would make every page dynamic).
 */
export async function SitePage({ current, children }: { current?: CurrentSection; children: ReactNode }) {
  // The 速報 banner, on every public page while it stands (lib/editorial/breaking.ts).
  const breaking = await getBreaking();
  return (
    <>
      {breaking ? (
        <aside aria-label="速報" className="no-print bg-danger px-4 py-2 text-center text-sm font-bold text-paper">
          <a href={breaking.href} className="text-paper underline" data-testid="breaking-banner">
            {`速報：${breaking.text}`}
          </a>
        </aside>
      ) : null}
      <SiteHeader current={current} />
      <main id="main">{children}</main>
    </>
  );
}
