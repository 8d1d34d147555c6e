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
import { entryOf } from '../../routes/public-routes';

const STALE_PROBE_MS = 1_000;
/** How long a request that misses waits for the render of its page already under way, at most. */
const WAIT_FOR_RENDER_MS = 5_000;

/**
 * The renders under way, by URL: a page the store does not hold is rendered once, however many
 * readers ask for it at once. After a write expires a page that thousands are polling (a live
 * page), the misses that arrive while it renders wait for that render and are then served from the
 * store, instead of each going to Next (a hundred misses at once cost ten renders' CPU, and the
 * event loop with it: every other reader waited). docs/decisions/0042.
 */
const rendering = new Map<string, Promise<void>>();

/** Resolves when `promise` does, or after `ms`, whichever is first (the timer cleared). */
const within = (promise: Promise<void>, ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });

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
      const serve = async (found: NonNullable<typeof document>) => {
        const ifNoneMatch = request.headers['if-none-match'];
        const unchanged = ifNoneMatch
          ? matchesEtag(ifNoneMatch, found.headers.ETag!)
          : notModifiedSince(request.headers['if-modified-since'], found.headers['Last-Modified']);
        if (unchanged) {
          const { 'Content-Type': _type, ...validators } = found.headers;
          response.writeHead(304, { ...validators, ...servedByHeader }).end();
          return true;
        }
        rememberGoodPage(request.url ?? '/', found);
        await sendCompressedOnce(request, response, 200, found);
        return true;
      };
      if (document) return serve(document);
      if (entryOf(requested.route)?.fastPath) {
        const key = request.url ?? '/';
        const deadline = Date.now() + WAIT_FOR_RENDER_MS;
        let underWay = rendering.get(key);
        while (underWay && Date.now() < deadline) {
          await within(underWay, deadline - Date.now());
          const rendered = await cachedDocument(requested).catch(() => null);
          metrics.cacheLookups().inc({ layer: 'fast-path', result: rendered ? 'waited-hit' : 'waited-miss' });
          if (rendered) return serve(rendered);
          // Not kept (a render that may have raced a write is rendered again): one of the waiting
          // requests renders next, and the others wait for it.
          underWay = rendering.get(key);
        }
        if (!underWay) {
          // This request renders it: the next ones wait until its response is done (or abandoned).
          const done = new Promise<void>((resolve) => response.once('close', resolve));
          rendering.set(key, done);
          void done.then(() => {
            if (rendering.get(key) === done) rendering.delete(key);
          });
        }
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
