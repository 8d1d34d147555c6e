import type { ArticleView } from './views';

/** The seed article's shape, trimmed: three sources, of which the text cites the second and third. */
export function seedLikeArticle(overrides: Partial<ArticleView> = {}): ArticleView {
  return {
    slug: 'trump-urges-ceasefire-without-tomahawks',
    title: 'トランプ氏、トマホーク供与に慎重姿勢',
    subtitle: null,
    lead: '  米国のトランプ大統領は17日、\nホワイトハウスでウクライナのゼレンスキー大統領と会談した。  ',
    publishedAt: '2025-10-17T15:00:00.000Z',
    updatedAt: '2025-10-18T01:30:00.000Z',
    category: { slug: 'world', name: '国際' },
    disclosure: 'ai-generated',
    version: 3,
    demo: false,
    datelinePlace: 'ワシントン',
    disclaimer: '注記',
    kind: 'news',
    noSourcesReason: null,
    reviewedBy: null,
    reviewedAt: null,
    generation: { modelName: null, modelVersion: null, promptTemplateVersion: null, sourcesRetrievedAt: null },
    byline: null,
    leadImage: null,
    thumbnail: null,
    corrections: [],
    sections: [
      { heading: '会談', paragraphs: ['会談した[3]。'], cites: [3], image: null },
      { heading: '反応', paragraphs: ['反応した[2]。'], cites: [2, 3], image: null },
    ],
    sources: [
      { title: '資料一', url: 'https://example.org/1', publisher: null, accessedAt: null, readAt: null },
      { title: '資料二', url: 'https://example.org/2', publisher: '例示省', accessedAt: '2025-10-18', readAt: null },
      { title: '資料三', url: 'https://example.org/3', publisher: null, accessedAt: null, readAt: '2025-10-19' },
    ],
    claims: { statement: '数値・日付は出典と照合していません', checked: false },
    tags: [{ slug: 'ukraine', name: 'ウクライナ' }],
    related: [],
    ...overrides,
  };
}
