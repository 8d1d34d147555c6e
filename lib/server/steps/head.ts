import type { Step } from '../exchange';

/**
 * HEAD is GET without a body (RFC 9110 §9.3.2): the request goes through every following step as
 * a GET, so its status and headers are exactly the GET's — the script-free page, its validators,
 * its length — whatever step answers it. Node's response already knows the request was a HEAD and
 * sends no body; what remains is the length Node would have computed from a body sent in one piece.
 */
export const headAsGet: Step = {
  name: 'head-as-get',
  run({ request, response }) {
    if (request.method !== 'HEAD') return false;
    request.method = 'GET';
    const end = response.end.bind(response) as (...args: unknown[]) => typeof response;
    response.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
      if (
        !response.headersSent &&
        response.getHeader('content-length') === undefined &&
        !response.getHeader('transfer-encoding')
      ) {
        if (typeof chunk === 'string') {
          response.setHeader(
            'Content-Length',
            Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
          );
        } else if (chunk instanceof Uint8Array) {
          response.setHeader('Content-Length', chunk.byteLength);
        }
      }
      return end(chunk, encoding, callback);
    }) as typeof response.end;
    return false;
  },
};
