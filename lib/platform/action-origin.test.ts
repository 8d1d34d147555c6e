import { describe, expect, it } from 'vitest';
import { foreignOriginActionResponse, isForeignOriginAction } from './action-origin';

const call = (headers: Record<string, string>, method = 'POST') => ({
  method,
  headers: new Headers({ host: 'kiji.example.jp', 'next-action': '7f00aa', ...headers }),
});

describe('a Server Action call', () => {
  it('from the site itself, or without an Origin as Next allows, is not foreign', () => {
    expect(isForeignOriginAction(call({ origin: 'https://kiji.example.jp' }))).toBe(false);
    expect(isForeignOriginAction(call({}))).toBe(false);
    expect(
      isForeignOriginAction(call({ origin: 'https://kiji.example.jp', 'x-forwarded-host': 'kiji.example.jp' })),
    ).toBe(false);
  });

  it('from another site, the opaque null origin or a malformed Origin is foreign, and answered 403', async () => {
    for (const origin of ['https://evil.example', 'null', 'not a url', 'https://kiji.example.jp.evil.example']) {
      expect(isForeignOriginAction(call({ origin })), origin).toBe(true);
    }
    const response = foreignOriginActionResponse();
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 403, title: 'Forbidden' });
  });

  it('is only a POST carrying an action id: other requests are none of its business', () => {
    expect(isForeignOriginAction(call({ origin: 'https://evil.example' }, 'GET'))).toBe(false);
    expect(
      isForeignOriginAction({ method: 'POST', headers: new Headers({ host: 'a', origin: 'https://evil.example' }) }),
    ).toBe(false);
  });
});
