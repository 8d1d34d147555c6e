import { describe, expect, it } from 'vitest';
import { articleInputSchema, formDataToInput, publishProblems, type ArticleFormValues } from './input';

const now = new Date('2026-11-29T03:00:00Z');
const complete: ArticleFormValues = {
  title: '出典のない記事',
  slug: 'no-sources',
  datelineDate: '2026-11-29',
  datelineTime: '11:00',
  place: '',
  category: 'world',
  tags: '',
  lead: 'リード。',
  sections: [{ heading: '見出し', body: '本文。', cites: '' }],
  sources: [],
  disclosure: 'ai-generated',
  kind: 'news',
  noSourcesReason: '',
  disclaimer: '注記',
  reviewedBy: '',
  reviewedAt: '',
  modelName: '',
  modelVersion: '',
  promptTemplateVersion: '',
  sourcesRetrievedAt: '',
};
const problems = (values: Partial<ArticleFormValues>, intent: 'publish' | 'draft' | 'schedule' = 'publish') =>
  publishProblems(articleInputSchema.parse({ ...complete, ...values }), intent, now);

describe('what publishing an article needs', () => {
  it('refuses an AI article with no source, naming the reason field, since the site promises sources', () => {
    expect(problems({})).toEqual({ noSourcesReason: expect.stringContaining('出典のないAI記事は公開できません') });
    expect(problems({ disclosure: 'ai-assisted' })).toHaveProperty('noSourcesReason');
    expect(problems({}, 'schedule')).toHaveProperty('noSourcesReason');
  });

  it('publishes it with a reason, or with a source, or when a reporter wrote it', () => {
    expect(problems({ noSourcesReason: '一次資料が非公開のため' })).toEqual({});
    expect(problems({ sources: [{ title: '資料', url: 'https://example.org/a', publisher: '', date: '' }] })).toEqual({});
    expect(problems({ disclosure: 'human' })).toEqual({});
  });

  it('lets a draft wait for its sources', () => {
    expect(problems({}, 'draft')).toEqual({});
  });
});

describe('the form as a browser submits it', () => {
  it('carries the kind and the no-sources reason, and defaults the kind to news', () => {
    const form = new FormData();
    form.set('title', 't');
    form.set('noSourcesReason', '理由');
    expect(formDataToInput(form)).toMatchObject({ kind: 'news', noSourcesReason: '理由' });
    form.set('kind', 'analysis');
    expect(articleInputSchema.parse({ ...complete, ...formDataToInput(form), slug: 'x', category: 'world' }).kind).toBe('analysis');
  });
});
