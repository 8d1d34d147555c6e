import { DISCARD_LIMIT_BYTES, refuseBeforeReading } from '../../platform/request-gate';
import type { Step } from '../exchange';

/**
 * Methods, malformed paths and body limits, from the request's entry in the route table
 * (lib/platform/request-gate.ts), before anything reads the body. The refused body is never kept:
 * what the client still sends is discarded as it arrives, and past DISCARD_LIMIT_BYTES the
 * connection is dropped.
 */
export const gate: Step = {
  name: 'gate',
  run({ request, response, requested, clientMethod }) {
    const refusal = refuseBeforeReading(clientMethod, requested.pathname, requested.route, {
      'content-length': request.headers['content-length'],
      'transfer-encoding': request.headers['transfer-encoding'],
    });
    if (!refusal) return false;
    let discarded = 0;
    request.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > DISCARD_LIMIT_BYTES) request.socket.destroy();
    });
    response.writeHead(refusal.status, refusal.headers).end(refusal.body);
    return true;
  },
};
