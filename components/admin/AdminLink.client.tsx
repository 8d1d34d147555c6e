'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ComponentProps } from 'react';

/**
 * The dashboard's link: prefetched on intent (pointer over it, or keyboard focus), never because it
 * scrolled into view. Next's <Link> prefetches every visible link, so one load of the article list
 * asked the server to render every listed article's edit page and every menu page (51 requests for
 * 29 articles), and the list's own next load waited behind them.
 */
export function AdminLink({ href, onMouseEnter, onFocus, ...props }: ComponentProps<typeof Link>) {
  const router = useRouter();
  const target = typeof href === 'string' ? href : null;
  const prefetch = () => {
    if (target?.startsWith('/')) router.prefetch(target);
  };
  return (
    <Link
      {...props}
      href={href}
      prefetch={false}
      onMouseEnter={(event) => {
        prefetch();
        onMouseEnter?.(event);
      }}
      onFocus={(event) => {
        prefetch();
        onFocus?.(event);
      }}
    />
  );
}
