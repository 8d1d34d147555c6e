import { runtime } from '../platform/runtime.mjs';
import { parseRequestUrl, type RequestedRoute } from './public-routes';

/**
 * Kiji's server parses a request's URL once (metrics, the fast path) and remembers the parse of
 * recent URLs: the same few hot pages are asked for thousands of times a second, and parsing
 * (URL, percent-decoding, schema checks) was a visible part of serving one from the cache. Bounded,
 * oldest first out, so a crawler's endless distinct URLs cannot grow it.
 */
const MAX_REMEMBERED = 2_000;

export function parsedRequest(url: string | undefined): RequestedRoute {
  const key = url ?? '/';
  const remembered = runtime().parsedRequests;
  const hit = remembered.get(key);
  if (hit) return hit;
  const parsed = parseRequestUrl(key);
  remembered.set(key, parsed);
  if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
  return parsed;
}
