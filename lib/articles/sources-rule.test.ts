import { describe, expect, it } from 'vitest';
import { missingSources } from './sources-rule';

describe('the sources rule', () => {
  it('holds AI articles, and a form whose disclosure is not chosen yet, to sources or a reason; not a reporter’s', () => {
    const none = { sourceCount: 0, noSourcesReason: '' };
    expect(missingSources({ ...none, disclosure: 'ai-generated' })).toBe(true);
    expect(missingSources({ ...none, disclosure: 'ai-assisted' })).toBe(true);
    expect(missingSources({ ...none, disclosure: '' })).toBe(true);
    expect(missingSources({ ...none, disclosure: 'human' })).toBe(false);
    expect(missingSources({ ...none, disclosure: 'ai-generated', noSourcesReason: '会見の発言のみ' })).toBe(false);
    expect(missingSources({ ...none, disclosure: 'ai-generated', sourceCount: 1 })).toBe(false);
  });
});
