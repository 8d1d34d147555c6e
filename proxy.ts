import { NextResponse, type NextRequest } from 'next/server';
import { articleIsPublic } from '@/lib/articles';
import { articleSlugParam } from '@/lib/route-params';

/**
 * Next 16 renders a page's own notFound() as an empty error shell whose content exists only in
 * the RSC payload (a reader without JavaScript sees a blank page). So the proxy answers missing
 * articles itself: it rewrites them to an unmatched path, which Next serves as the prerendered
 * not-found page, in place, with status 404. The existence check is cached and tagged like the
 * article, so a cache hit costs no query. See docs/decisions/0004-caching-and-404s.md.
 */
const NOT_FOUND_PATH = '/_kiji/not-found';

function slugFrom(pathname: string): string | null {
  const match = /^\/articles\/([^/]*)\/?$/.exec(pathname);
  if (!match) return null;
  try {
    return articleSlugParam(decodeURIComponent(match[1]!));
  } catch {
    return null; // invalid percent-encoding
  }
}

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith('/articles/')) {
    const slug = slugFrom(pathname);
    if (!slug || !(await articleIsPublic(slug))) {
      return NextResponse.rewrite(new URL(NOT_FOUND_PATH, request.url), { status: 404 });
    }
  }
  return NextResponse.next();
}

export const config = { matcher: ['/articles/:path*'] };
