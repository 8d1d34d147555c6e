import { BASE_HEADER_VALUES } from '../../platform/security-headers';
import { withoutTrailingSlash } from '../../routes/registry';
import type { Step } from '../exchange';

/**
 * A URL that differs from its canonical form only by trailing slashes is answered 308 before any
 * cache is asked, so the answer never depends on whether the page happens to be cached.
 */
export const canonicalRedirect: Step = {
  name: 'canonical-redirect',
  run({ request, response }) {
    if (request.method !== 'GET') return false;
    const canonical = withoutTrailingSlash(request.url ?? '/');
    if (canonical === null) return false;
    response
      .writeHead(308, { ...BASE_HEADER_VALUES, Location: canonical, 'Cache-Control': 'public, max-age=3600' })
      .end();
    return true;
  },
};
