import type { MetadataRoute } from 'next';
import { absoluteUrl } from '@/lib/crawlers/seo';
import { AREA_PREFIXES, routes } from '@/lib/routes/registry';

export const dynamic = 'force-static';

export default function robots(): MetadataRoute.Robots {
  return {
    rules: [
      { userAgent: '*', allow: '/', disallow: [AREA_PREFIXES.admin, `${AREA_PREFIXES.api}/`, routes.search.href()] },
    ],
    sitemap: [absoluteUrl(routes.sitemap.href()), absoluteUrl(routes.newsSitemap.href())],
  };
}
