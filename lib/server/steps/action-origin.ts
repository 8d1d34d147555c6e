import { isForeignOriginAction, SERVER_ACTION_HEADER } from '../../platform/action-origin';
import { BASE_HEADER_VALUES } from '../../platform/security-headers';
import type { Step } from '../exchange';

/**
 * A Server Action called from another site (or an opaque `null` origin) is answered 403 as an RFC
 * 9457 problem document before Next sees it; Next would refuse it too, but with a 500 and an error
 * digest, as if Kiji had failed (lib/platform/action-origin.ts makes Next's comparison).
 */
export const actionOrigin: Step = {
  name: 'action-origin',
  run({ request, response }) {
    if (request.method !== 'POST' || request.headers[SERVER_ACTION_HEADER] === undefined) return false;
    const headers = new Headers();
    for (const name of ['origin', 'host', 'x-forwarded-host', SERVER_ACTION_HEADER]) {
      const value = request.headers[name];
      if (typeof value === 'string') headers.set(name, value);
    }
    if (!isForeignOriginAction({ method: 'POST', headers })) return false;
    request.resume();
    response
      .writeHead(403, {
        ...BASE_HEADER_VALUES,
        'Content-Type': 'application/problem+json; charset=utf-8',
        'Cache-Control': 'no-store',
      })
      .end(
        JSON.stringify({
          type: 'about:blank',
          title: 'Forbidden',
          status: 403,
          detail: '他のサイトからの操作は受け付けません',
        }),
      );
    return true;
  },
};
