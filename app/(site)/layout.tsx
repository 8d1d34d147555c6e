import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/site/SiteFooter';

export default function SiteLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <a href="#main" className="skip-link">
        本文へ移動
      </a>
      {/* Each page renders the header and <main> (components/site/SitePage.tsx). */}
      {children}
      <SiteFooter />
    </>
  );
}
