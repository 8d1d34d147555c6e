import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from './webhook-signature';

const body = JSON.stringify({ id: 'evt_1', type: 'article.published', data: { slug: 'a' } });

describe('webhook signatures', () => {
  it('are t=…,v1=… with HMAC-SHA256 over the timestamp and the body, and verify with the same secret', () => {
    const header = signatureHeader('whsec_test', body, 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(header, body, 'whsec_test', { now: 1_700_000_010 })).toBe(true);
  });

  it('fail for another secret, a changed body, a stale timestamp or a malformed header', () => {
    const header = signatureHeader('whsec_test', body, 1_700_000_000);
    expect(verifySignature(header, body, 'whsec_other', { now: 1_700_000_000 })).toBe(false);
    expect(verifySignature(header, `${body} `, 'whsec_test', { now: 1_700_000_000 })).toBe(false);
    expect(verifySignature(header, body, 'whsec_test', { now: 1_700_000_000 + 301 })).toBe(false);
    expect(verifySignature('v1=abc', body, 'whsec_test')).toBe(false);
    expect(verifySignature(null, body, 'whsec_test')).toBe(false);
  });
});
