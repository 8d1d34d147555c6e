import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestedRoute } from '../routes/public-routes';

/**
 * One request as Kiji's server's steps see it (lib/server/pipeline.ts): the request and response,
 * the URL parsed once against the route table, and what the steps tell each other.
 */
export type Exchange = {
  request: IncomingMessage;
  response: ServerResponse;
  requested: RequestedRoute;
  /** The method the client sent: a HEAD is answered by the GET steps with no body (steps/head.ts). */
  clientMethod: string;
  /** If-None-Match as the client sent it; Next never sees it (steps/next-render.ts). */
  ifNoneMatch: string | undefined;
  started: number;
};

/** A named step: it answers the request (true), or lets the next step try (false). */
export type Step = { name: string; run: (exchange: Exchange) => boolean | Promise<boolean> };
