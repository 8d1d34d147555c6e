import type { ArticleDocument } from '../../lib/article-text/document';

export const e2ePort = Number(process.env.E2E_PORT ?? 3100);

/** The seed article as the demo content stores it (prisma/seed/manifest.json). */
export const SEED = {
  slug: 'trump-urges-ceasefire-without-tomahawks',
  title: 'トランプ大統領、即時停戦求めるも軍事支援見送り、期待と現実の落差',
  headings: [
    'ホワイトハウスの握手と、その先の距離感',
    '「止めるべきだ」という号令が映す現実',
    '電話と会合、交錯する舞台裏',
    '次の一手を探るキーウ',
  ],
  place: 'ワシントン',
  category: '国際',
  tags: ['ウクライナ', '米国', '停戦'],
};

/** A demo article that has sources. */
export const SOURCED = { slug: 'demo-minimum-wage-regional-gap', sourceCount: 2 };

const hidden: ArticleDocument = {
  title: 'E2E 非公開の記事',
  lead: '公開されてはならない記事のリード。',
  sections: [{ heading: '見出し', paragraphs: ['本文。'] }],
  sources: [],
};

export const E2E_FIXTURES: {
  document: ArticleDocument;
  options: { slug: string; status?: 'draft' | 'published'; publishedAt?: Date };
  deleted?: boolean;
  /** Imported a second time, as an edit after publication. */
  edited?: boolean;
}[] = [
  {
    document: { ...hidden, title: 'E2E 公開後に更新された記事' },
    options: { slug: 'e2e-edited', status: 'published', publishedAt: new Date('2025-01-06T01:00:00Z') },
    edited: true,
  },
  { document: hidden, options: { slug: 'e2e-draft', status: 'draft' } },
  { document: hidden, options: { slug: 'e2e-deleted', status: 'published' }, deleted: true },
  { document: hidden, options: { slug: 'e2e-scheduled', status: 'published', publishedAt: new Date(Date.now() + 7 * 86_400_000) } },
];
