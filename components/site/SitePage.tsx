import type { ReactNode } from 'react';
import { SiteHeader, type CurrentSection } from './SiteHeader';

/**
 * A public page's header and main region. Each page renders it, not the layout, because only the
 * page knows which section it is in, for the navigation to mark (without a request header, which
 * would make every page dynamic).
 */
export function SitePage({ current, children }: { current?: CurrentSection; children: ReactNode }) {
  return (
    <>
      <SiteHeader current={current} />
      <main id="main">{children}</main>
    </>
  );
}
