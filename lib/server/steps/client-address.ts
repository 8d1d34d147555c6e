import { CLIENT_ADDRESS_HEADER, parseTrustedProxies, resolveClientAddress } from '../../platform/client-address';
import type { Step } from '../exchange';

/**
 * The one address the data layer believes (lib/platform/client-address.ts): the socket peer, or
 * the hop a trusted proxy names. A client's own value under this name is replaced, never passed on.
 */
export function clientAddress(trustedProxiesSetting: string | undefined): Step {
  const trustedProxies = parseTrustedProxies(trustedProxiesSetting);
  return {
    name: 'client-address',
    run({ request }) {
      request.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(
        request.socket.remoteAddress,
        request.headers['x-forwarded-for'],
        trustedProxies,
      );
      return false;
    },
  };
}
