import { describe, expect, it } from 'vitest';
import { DISCLOSURE_LABELS, type DisclosureKind } from '../articles/disclosure';
import { sourcesPromise } from '../articles/sources-rule';
import { siteFeedDescription } from '../crawlers/feeds';
import { DEFAULT_AI_POLICY } from '../articles/ai-policy';
import { articleInputSchema, blankFormValues, publishProblems } from '../articles/input';
import { PUBLISHER_TEXTS } from '../articles/publisher-texts';

/**
 * What the site tells readers about sources is what the writer enforces: an AI article may be
 * published with a stated reason instead of sources (docs/decisions/0013), so no page may promise
 * sources on every article.
 */
const EVERY_ARTICLE_HAS_SOURCES = /すべての記事に(出典|.*参考・出典)|記事はすべて.*参考・出典/;

const sourceless = (disclosure: DisclosureKind, noSourcesReason = '') =>
  publishProblems(
    articleInputSchema.parse({
      ...blankFormValues(),
      title: '見出し',
      slug: 'sourceless',
      datelineDate: '2026-11-29',
      datelineTime: '11:00',
      category: 'world',
      lead: 'リード。',
      sections: [{ heading: '見出し', body: '本文。', cites: '' }],
      sources: [],
      disclosure,
      kind: 'news',
      indexing: 'index',
      noSourcesReason,
      disclaimer: '注記',
    }),
    'publish',
    new Date('2026-11-29T03:00:00Z'),
  );

describe('the promise about sources', () => {
  it('names exactly the kinds of article the publish check holds to sources', () => {
    for (const kind of Object.keys(DISCLOSURE_LABELS) as DisclosureKind[]) {
      const held = 'noSourcesReason' in sourceless(kind);
      expect(sourcesPromise().includes(`「${DISCLOSURE_LABELS[kind]}」`), kind).toBe(held);
    }
  });

  it('says that a reason may stand in for sources, as the publish check lets it', () => {
    expect(sourceless('ai-generated', '一次資料が非公開のため')).not.toHaveProperty('noSourcesReason');
    expect(sourcesPromise()).toContain('理由');
    expect(sourcesPromise('short')).toContain('理由');
  });

  it('is what /about, the AI policy and the feeds say, and none of them promises sources on every article', () => {
    const pages = {
      about: PUBLISHER_TEXTS.about.fallback,
      aiPolicy: DEFAULT_AI_POLICY,
      feed: siteFeedDescription('Kiji'),
    };
    for (const [page, text] of Object.entries(pages)) {
      expect(text, page).not.toMatch(EVERY_ARTICLE_HAS_SOURCES);
    }
    expect(pages.about).toContain(sourcesPromise());
    expect(pages.aiPolicy).toContain(sourcesPromise());
    expect(pages.feed).toContain(sourcesPromise('short'));
  });
});
