import type { IncomingMessage, ServerResponse } from 'node:http';
import { log } from '../platform/logger.mjs';
import { metrics } from '../platform/metrics.mjs';
import { parsedRequest } from '../routes/parsed-requests';
import type { Exchange, Step } from './exchange';

/**
 * Kiji's server as an ordered list of named steps (the Guardian's server.prod.ts has one handler
 * per concern): each step answers the request or lets the next one try. scripts/serve.ts composes
 * the list for production and for development alike:
 *   head-as-get → gate → action-origin → canonical-redirect → client-address → fast-path → next
 * Every method goes through the same list: HEAD is GET without a body (steps/head.ts).
 */
export function pipeline(steps: readonly Step[]) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const exchange: Exchange = {
      request,
      response,
      requested: parsedRequest(request.url),
      clientMethod: request.method ?? 'GET',
      ifNoneMatch: request.headers['if-none-match'],
      started: performance.now(),
    };
    const route = exchange.requested.kind;
    response.once('finish', () => metrics.requests().inc({ route, status: String(response.statusCode) }));
    void run(steps, exchange).catch((error: unknown) => {
      log.error('server_step_failed', { path: exchange.requested.pathname, message: (error as Error).message });
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end();
    });
  };
}

async function run(steps: readonly Step[], exchange: Exchange): Promise<void> {
  for (const step of steps) {
    if (await step.run(exchange)) return;
  }
  // The last step (Next) answers everything; a list without it is a programming error.
  throw new Error(`no step answered ${exchange.requested.pathname}`);
}
