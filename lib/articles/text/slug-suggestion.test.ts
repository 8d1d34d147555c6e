import { describe, expect, it } from 'vitest';
import { articleSlugSchema } from '../../routes/slug';
import { suggestSlug } from './slug-suggestion';

describe('a suggested slug', () => {
  it('reads as the day and the names in a Japanese title', () => {
    expect(suggestSlug('トランプ大統領、ゼレンスキー氏と会談　ウクライナ停戦', '2025-10-18')).toBe(
      '20251018-toranpu-zerensuki-ukuraina',
    );
    expect(suggestSlug('G7サミット、AI規制で合意', '2026-05-20')).toBe('20260520-g7-samitto-ai');
    expect(suggestSlug('チャットの利用が増加、ジョブ型雇用も', '2026-01-05')).toBe('20260105-chatto-jobu');
  });

  it('is the same for the same title and day, and different for another title without names', () => {
    const first = suggestSlug('最低賃金、地域差が縮小', '2025-10-15');
    expect(suggestSlug('最低賃金、地域差が縮小', '2025-10-15')).toBe(first);
    expect(suggestSlug('国会が召集', '2025-10-15')).not.toBe(first);
    expect(first).toMatch(/^20251015-[a-z0-9]{6}$/);
  });

  it('does not let one loanword stand for a kanji headline: the title’s fingerprint follows it', () => {
    const suggested = suggestSlug('政府、新たなテスト制度を来年度から全国の公立学校で導入へ', '2026-12-06');
    expect(suggested).toMatch(/^20261206-tesuto-[a-z0-9]{6}$/);
    expect(suggestSlug('文部科学省、テスト結果の公表方法を見直し　地域差に配慮', '2026-12-06')).not.toBe(suggested);
  });

  it('always passes the slug rule', () => {
    for (const title of ['', '！？', 'admin', 'ティーンエイジャーのファッション', 'a'.repeat(300)]) {
      expect(articleSlugSchema.safeParse(suggestSlug(title, '')).success, title).toBe(true);
    }
  });
});
