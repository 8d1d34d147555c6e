import type { ServerResponse } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { cachedDocument, matchesEtag, notModifiedSince } from '../cached-document';
import { bodyIn, negotiateCoding, type EncodedBodies } from '../../cache/content-coding';
import { notFoundPage } from '../../cache/known-missing';
import { reportCacheFailure } from '../../cache/failures.mjs';
import { metrics } from '../../platform/metrics.mjs';
import { isPublicDocumentRequest } from '../../routes/script-free-document';
import type { Step } from '../exchange';
import { isKnownMissing } from '../known-missing';
import { lastGoodPage, rememberGoodPage, STALE_HEADERS } from '../../cache/last-good';
import { databaseMarkedDown } from '../../platform/db-availability';
import { runtime } from '../../platform/runtime.mjs';

const STALE_PROBE_MS = 1_000;

/**
 * A public page the shared store holds fresh is sent from there (lib/server/cached-document.ts),
 * script-free, in the coding the reader accepts, without waking Next; its validator answers 304.
 * A page the store does not hold may be one the server already knows is missing
 * (lib/server/known-missing.ts): the not-found page is sent the same way. Anything else, and any
 * doubt, goes on to Next. GET and HEAD alike (steps/head.ts). While the database is down, a page
 * with no fresh copy is answered with the last good copy this instance sent (lib/cache/last-good.ts),
 * saying so, instead of a 503.
 */
export function fastPath(servedBy: string | null): Step {
  const servedByHeader = servedBy ? { [servedBy]: 'fast-path' } : {};

  async function sendCompressedOnce(
    request: IncomingMessage,
    response: ServerResponse,
    status: 200 | 404,
    page: { bodies: EncodedBodies; headers: Readonly<Record<string, string>> },
  ): Promise<void> {
    const { body, coding } = await bodyIn(page.bodies, negotiateCoding(request.headers['accept-encoding']));
    response.writeHead(status, {
      ...page.headers,
      ...(coding === 'identity' ? {} : { 'Content-Encoding': coding }),
      'Content-Length': String(body.length),
      ...servedByHeader,
    });
    response.end(body);
  }

  return {
    name: 'fast-path',
    async run({ request, response, requested }) {
      if (!isPublicDocumentRequest(request.method, request.url, request.headers)) return false;
      const document = await cachedDocument(requested).catch((error: unknown) => {
        reportCacheFailure('entry-read', error);
        return null;
      });
      metrics.cacheLookups().inc({ layer: 'fast-path', result: document ? 'hit' : 'miss' });
      const ifNoneMatch = request.headers['if-none-match'];
      const unchanged =
        document &&
        (ifNoneMatch
          ? matchesEtag(ifNoneMatch, document.headers.ETag!)
          : notModifiedSince(request.headers['if-modified-since'], document.headers['Last-Modified']));
      if (document && unchanged) {
        const { 'Content-Type': _type, ...validators } = document.headers;
        response.writeHead(304, { ...validators, ...servedByHeader }).end();
        return true;
      }
      if (document) {
        rememberGoodPage(request.url ?? '/', document);
        await sendCompressedOnce(request, response, 200, document);
        return true;
      }
      // Down as of a probe in the last second; past that the request goes on, and the proxy's probe
      // (at most once a second) finds out: still down, its 503 becomes this copy (steps/held-response.ts);
      // back, Next renders.
      const down = databaseMarkedDown() && Date.now() - runtime().databaseProbe.last < STALE_PROBE_MS;
      const lastGood = down ? lastGoodPage(request.url ?? '/') : null;
      if (lastGood) {
        await sendCompressedOnce(request, response, 200, {
          bodies: lastGood.bodies,
          headers: { ...lastGood.headers, ...STALE_HEADERS },
        });
        return true;
      }
      const missing = notFoundPage();
      if (missing && (await isKnownMissing(requested).catch(() => false))) {
        await sendCompressedOnce(request, response, 404, missing);
        return true;
      }
      return false;
    },
  };
}
