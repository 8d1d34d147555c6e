import { describe, expect, it } from 'vitest';
import {
  articleInputSchema,
  formDataToInput,
  issuesToFieldErrors,
  parseCiteList,
  publishProblems,
  type ArticleFormValues,
} from './input';

const now = new Date('2026-11-29T03:00:00Z');
const complete: ArticleFormValues = {
  title: '出典のない記事',
  subtitle: '',
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
  indexing: 'index',
  noSourcesReason: '',
  disclaimer: '注記',
  reviewedBy: '',
  reviewedAt: '',
  modelName: '',
  modelVersion: '',
  promptTemplateVersion: '',
  sourcesRetrievedAt: '',
  leadImage: '',
  leadImageAlt: '',
  leadImageCaption: '',
  leadImageCredit: '',
  leadImageSource: '',
  editor: '',
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
    expect(problems({ sources: [{ title: '資料', url: 'https://example.org/a', publisher: '', date: '' }] })).toEqual(
      {},
    );
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
    expect(articleInputSchema.parse({ ...complete, ...formDataToInput(form), slug: 'x', category: 'world' }).kind).toBe(
      'analysis',
    );
  });
});

describe('the dates publishing needs', () => {
  it('refuses to publish now with a time more than a minute ahead, pointing to scheduling', () => {
    expect(problems({ datelineDate: '2026-11-29', datelineTime: '12:30', noSourcesReason: '理由' })).toEqual({
      datelineDate: '未来の日時です。予約公開を使ってください',
    });
    expect(problems({ datelineDate: '2026-11-29', datelineTime: '12:00', noSourcesReason: '理由' })).toEqual({});
  });

  it('refuses to schedule at a time that has passed, and to publish with no date', () => {
    expect(
      problems({ datelineDate: '2026-11-29', datelineTime: '11:59', noSourcesReason: '理由' }, 'schedule'),
    ).toEqual({ datelineDate: '予約公開には未来の日時を指定してください' });
    expect(problems({ datelineDate: '', noSourcesReason: '理由' })).toEqual({
      datelineDate: '公開するには日付（日付欄）が必要です',
    });
  });

  it('names each section field that publishing still needs', () => {
    expect(problems({ noSourcesReason: '理由', sections: [{ heading: '見出し', body: '', cites: '' }] })).toEqual({
      sections: '公開するには、見出しと本文のある節が1つ以上必要です',
      'sections.0.body': '本文を入力してください',
    });
  });
});

describe('what the form’s text becomes', () => {
  it('splits tags on commas and Japanese commas, trims them and drops repeats', () => {
    expect(articleInputSchema.parse({ ...complete, tags: ' ウクライナ、米国 ,ウクライナ，外交 ,, ' }).tags).toEqual([
      'ウクライナ',
      '米国',
      '外交',
    ]);
  });

  it('reads a section’s extra source numbers, ignoring what is not a positive number', () => {
    expect(parseCiteList('1, 3、 0 ,4')).toEqual([1, 3, 4]);
    expect(
      articleInputSchema.safeParse({ ...complete, sections: [{ heading: 'h', body: 'b', cites: '一' }] }).success,
    ).toBe(false);
  });

  it('keeps the first message for each field, keyed by its path in the form', () => {
    const parsed = articleInputSchema.safeParse({
      ...complete,
      title: '',
      sources: [{ title: '', url: 'javascript:alert(1)', publisher: '', date: '' }],
    });
    expect(issuesToFieldErrors(parsed.error!.issues)).toMatchObject({
      title: 'タイトルを入力してください',
      'sources.0.title': '出典の題名を入力してください',
      'sources.0.url': 'URL は http:// か https:// で始まる必要があります',
    });
  });
});
