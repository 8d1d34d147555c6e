import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';
import { metrics } from '../../platform/metrics.mjs';
import { areaOf, routes, type RouteDeclaration } from '../../routes/registry';
import type { Step } from '../exchange';
import { holdResponse } from './held-response';

type NextHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** A request for a document (not Next's client navigation or prefetch, which ask for RSC). */
function wantsDocument(request: IncomingMessage): boolean {
  return (
    request.method === 'GET' &&
    request.headers.rsc === undefined &&
    request.headers['next-router-prefetch'] === undefined
  );
}

/**
 * The last step: Next renders, behind compression (Next's own is off: it would run inside this
 * layer and hide the HTML), with the response held where it must change (steps/held-response.ts).
 * 304s come from Kiji's validators only, which it answers for what it knows exists: Next would
 * answer its prerendered 404 page with a 304 too, telling a crawler a missing URL is unchanged, so
 * it never sees a conditional header; Next's own static assets keep theirs, and so do the entries
 * whose handlers answer their own (`validates: 'handler'`, the read API).
 */
export function nextRender(handle: NextHandler, servedBy: string | null): Step {
  const compress = compression();
  return {
    name: 'next',
    run({ request, response, requested, ifNoneMatch, started }) {
      compress(request as never, response as never, () => {
        const area = areaOf(requested.pathname);
        if (servedBy && area === 'public') response.setHeader(servedBy, 'next');
        response.once('finish', () =>
          metrics.renderSeconds().observe({ route: requested.kind }, (performance.now() - started) / 1000),
        );
        // Public pages and files, and images: the admin area and the API keep their scripts and bodies as they are.
        if (area === 'public' || area === 'media') {
          holdResponse(response, {
            url: request.url ?? '/',
            ifNoneMatch,
            ifModifiedSince: request.headers['if-modified-since'],
            wantsDocument: wantsDocument(request),
          });
        }
        // An entry whose handler answers its own validators (the read API's ETag) keeps them.
        const kind = requested.kind as keyof typeof routes;
        const ownValidators = kind in routes && (routes[kind] as RouteDeclaration).validates === 'handler';
        if (area !== 'asset' && !ownValidators) {
          delete request.headers['if-none-match'];
          delete request.headers['if-modified-since'];
        }
        void handle(request, response);
      });
      return true;
    },
  };
}
