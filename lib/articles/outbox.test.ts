import { describe, expect, it } from 'vitest';
import { articleEventOf } from './outbox';

const draft = { status: 'draft', deletedAt: null } as const;
const live = { status: 'published', deletedAt: null } as const;

describe('the event a write is', () => {
  it('names publication, update, correction, unpublishing and deletion', () => {
    expect(articleEventOf(null, live, 'article_import')).toBe('article.published');
    expect(articleEventOf(draft, live, 'article_publish')).toBe('article.published');
    expect(articleEventOf(live, live, 'article_publish')).toBe('article.updated');
    expect(articleEventOf(live, live, 'article_correct')).toBe('article.corrected');
    expect(articleEventOf(live, draft, 'article_unpublish')).toBe('article.unpublished');
    expect(articleEventOf(live, { ...live, deletedAt: new Date() }, 'article_delete')).toBe('article.deleted');
  });

  it('is nothing for drafts and schedules, which the world does not see', () => {
    expect(articleEventOf(null, draft, 'article_submit')).toBeNull();
    expect(articleEventOf(draft, draft, 'article_edit')).toBeNull();
    expect(articleEventOf(draft, { status: 'scheduled', deletedAt: null }, 'article_schedule')).toBeNull();
  });
});
