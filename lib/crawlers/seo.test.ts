import { routes } from '../routes/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLikeArticle } from '../articles/view-fixture';
import { reloadConfig } from '../platform/config';
import {
  absoluteUrl,
  articleMetadata,
  breadcrumbJsonLd,
  description,
  listingMetadata,
  newsArticleJsonLd,
  organization,
  pageMetadata,
} from './seo';

const environment = { ...process.env };
beforeAll(() => {
  process.env.SITE_URL = 'https://kiji.example.jp/';
  process.env.SITE_NAME = '記事テスト';
  reloadConfig();
});
afterAll(() => {
  for (const name of ['SITE_URL', 'SITE_NAME']) {
    if (environment[name] === undefined) delete process.env[name];
    else process.env[name] = environment[name];
  }
  reloadConfig();
});

describe('URLs for crawlers', () => {
  it('joins the site’s origin and a path with exactly one slash, however SITE_URL ends', () => {
    expect(absoluteUrl('/articles/a')).toBe('https://kiji.example.jp/articles/a');
    expect(absoluteUrl('feed.xml')).toBe('https://kiji.example.jp/feed.xml');
  });

  it('encodes Japanese tag slugs in their path', () => {
    expect(routes.tag.href('ウクライナ')).toBe('/tag/%E3%82%A6%E3%82%AF%E3%83%A9%E3%82%A4%E3%83%8A');
  });
});

describe('the publisher', () => {
  it('is a NewsMediaOrganization whose Trust Project indicators point at the site’s own pages', () => {
    const publisher = organization() as unknown as Record<string, unknown>;
    expect(publisher['@type']).toBe('NewsMediaOrganization');
    expect(publisher).toMatchObject({
      publishingPrinciples: 'https://kiji.example.jp/about/ai',
      correctionsPolicy: 'https://kiji.example.jp/about/corrections',
      verificationFactCheckingPolicy: 'https://kiji.example.jp/about/ai',
      actionableFeedbackPolicy: 'https://kiji.example.jp/contact',
      masthead: 'https://kiji.example.jp/about',
      ownershipFundingInfo: 'https://kiji.example.jp/about',
      noBylinesPolicy: 'https://kiji.example.jp/about/ai',
    });
  });

  it('has a square logo of at least 112 × 112, its size in numbers', () => {
    const { logo } = organization();
    expect(logo.width).toBe(logo.height);
    expect(logo.width).toBeGreaterThanOrEqual(112);
    expect(logo.url).toBe('https://kiji.example.jp/logo-square.png');
  });

  it('names its accounts and associations from its configuration, and none when none is configured', () => {
    expect(organization()).not.toHaveProperty('sameAs');
    process.env.KIJI_PUBLISHER_SOCIAL = 'https://social.example/@kiji, https://video.example/kiji';
    process.env.KIJI_PUBLISHER_BELONGTO = 'https://press.example.org/';
    reloadConfig();
    try {
      expect(organization()).toMatchObject({
        sameAs: ['https://social.example/@kiji', 'https://video.example/kiji'],
        memberOf: [{ '@type': 'Organization', url: 'https://press.example.org/' }],
      });
    } finally {
      // Empty is unset (a list of none).
      process.env.KIJI_PUBLISHER_SOCIAL = '';
      process.env.KIJI_PUBLISHER_BELONGTO = '';
      reloadConfig();
    }
  });
});

describe('descriptions', () => {
  it('flattens whitespace and cuts long text with an ellipsis inside the length', () => {
    expect(description('  一行目\n 二行目  ')).toBe('一行目 二行目');
    const cut = description('あ'.repeat(130));
    expect(cut).toHaveLength(120);
    expect(cut.endsWith('…')).toBe(true);
  });
});

describe('an article’s structured data', () => {
  it('names the cited sources as isBasedOn, in source order, and every source as a citation', () => {
    const data = newsArticleJsonLd(seedLikeArticle()) as unknown as Record<string, unknown>;
    expect((data.isBasedOn as { name: string }[]).map((work) => work.name)).toEqual(['資料二', '資料三']);
    expect((data.citation as { name: string }[]).map((work) => work.name)).toEqual(['資料一', '資料二', '資料三']);
    expect(data.citation).toContainEqual(
      expect.objectContaining({ publisher: { '@type': 'Organization', name: '例示省' } }),
    );
  });

  it('bases it on every source, each a CreativeWork with URL, name and publisher, when no section cites one', () => {
    const article = seedLikeArticle();
    const data = newsArticleJsonLd({
      ...article,
      sections: article.sections.map((section) => ({ ...section, cites: [] })),
    }) as unknown as Record<string, unknown>;
    expect(data.isBasedOn).toEqual([
      { '@type': 'CreativeWork', name: '資料一', url: 'https://example.org/1' },
      {
        '@type': 'CreativeWork',
        name: '資料二',
        url: 'https://example.org/2',
        publisher: { '@type': 'Organization', name: '例示省' },
      },
      { '@type': 'CreativeWork', name: '資料三', url: 'https://example.org/3' },
    ]);
  });

  it('leaves citation and isBasedOn out, never empty, when the article has no sources', () => {
    const data = newsArticleJsonLd(seedLikeArticle({ sources: [] })) as unknown as Record<string, unknown>;
    expect('citation' in data).toBe(false);
    expect('isBasedOn' in data).toBe(false);
  });

  it('dates it in Japan time, and says how it was made', () => {
    const data = newsArticleJsonLd(seedLikeArticle()) as unknown as Record<string, unknown>;
    expect(data.datePublished).toBe('2025-10-18T00:00:00+09:00');
    expect(data.dateModified).toBe('2025-10-18T10:30:00+09:00');
    expect(data.digitalSourceType).toBe('https://schema.org/TrainedAlgorithmicMediaDigitalSource');
    expect(data.url).toBe('https://kiji.example.jp/articles/trump-urges-ceasefire-without-tomahawks');
    expect((data.publisher as { name: string }).name).toBe('記事テスト');
  });

  it('gives the subtitle as alternativeHeadline, and none when the article has no subtitle', () => {
    const subtitled = newsArticleJsonLd(seedLikeArticle({ subtitle: '会談は平行線、供与の判断は先送り' }));
    expect(subtitled).toMatchObject({ alternativeHeadline: '会談は平行線、供与の判断は先送り' });
    expect(newsArticleJsonLd(seedLikeArticle({ subtitle: null }))).not.toHaveProperty('alternativeHeadline');
  });

  it('marks an analysis as AnalysisNewsArticle, and a reporter’s piece with no digital source type', () => {
    const analysis = newsArticleJsonLd(seedLikeArticle({ kind: 'analysis', disclosure: 'human' })) as unknown as Record<
      string,
      unknown
    >;
    expect(analysis['@type']).toBe('AnalysisNewsArticle');
    expect(analysis).not.toHaveProperty('digitalSourceType');
  });

  it('leaves out citation, isBasedOn and keywords when the article has no sources and no tags, rather than empty lists', () => {
    const data = newsArticleJsonLd(
      seedLikeArticle({ sources: [], tags: [], noSourcesReason: '会見の発言のみ' }),
    ) as unknown as Record<string, unknown>;
    expect(data).not.toHaveProperty('citation');
    expect(data).not.toHaveProperty('isBasedOn');
    expect(data).not.toHaveProperty('keywords');
    const uncited = newsArticleJsonLd(
      seedLikeArticle({ sections: [{ heading: '会談', paragraphs: ['会談した。'], cites: [], image: null }] }),
    ) as unknown as Record<string, unknown>;
    // No section cites one: the article is based on all its sources (docs/decisions/0028).
    expect(uncited.isBasedOn).toHaveLength(3);
    expect(uncited.citation).toHaveLength(3);
  });

  it('gives image widths and heights as numbers', () => {
    for (const image of newsArticleJsonLd(seedLikeArticle()).image as unknown as Record<string, unknown>[]) {
      expect(typeof image.width).toBe('number');
      expect(typeof image.height).toBe('number');
    }
  });

  it('lists corrections as CorrectionComment only when there are some', () => {
    expect(newsArticleJsonLd(seedLikeArticle())).not.toHaveProperty('correction');
    const corrected = newsArticleJsonLd(
      seedLikeArticle({
        corrections: [
          {
            correctedAt: '2025-10-19T00:00:00.000Z',
            whatWasWrong: '日付',
            whatChanged: '18日に直した',
            beforeText: null,
            afterText: null,
          },
        ],
      }),
    ) as unknown as Record<string, unknown>;
    expect(corrected.correction).toEqual([
      { '@type': 'CorrectionComment', text: '日付。18日に直した。', datePublished: '2025-10-19T09:00:00+09:00' },
    ]);
  });
});

describe('page metadata', () => {
  it('names a plain page’s own path as og:url, with the site’s name, beside its canonical', () => {
    const metadata = pageMetadata({ title: '訂正一覧', description: '一覧です。', path: '/corrections' });
    expect(metadata.alternates?.canonical).toBe('/corrections');
    expect(metadata.openGraph).toMatchObject({ url: '/corrections', siteName: '記事テスト', title: '訂正一覧' });
  });

  it('names a listing page’s canonical as og:url, with the site’s name', () => {
    const metadata = listingMetadata({ title: '国際', path: '/category/world', page: 2, summary: '国際の記事' });
    expect(metadata.openGraph).toMatchObject({ url: '/category/world?page=2', siteName: '記事テスト' });
  });

  it('gives an article its canonical path, its AI disclosure, and a trimmed description', () => {
    const metadata = articleMetadata(seedLikeArticle({ disclosure: 'ai-assisted' }));
    expect(metadata.alternates?.canonical).toBe('/articles/trump-urges-ceasefire-without-tomahawks');
    expect(metadata.other).toEqual({ 'ai-disclosure': 'ai-assisted' });
    expect(metadata.description).toBe(
      '米国のトランプ大統領は17日、 ホワイトハウスでウクライナのゼレンスキー大統領と会談した。',
    );
  });

  it('keeps demo content out of search engines, and leaves real articles to the site’s default', () => {
    expect(articleMetadata(seedLikeArticle({ demo: true })).robots).toMatchObject({ index: false, follow: true });
    expect(articleMetadata(seedLikeArticle({ demo: false })).robots).toBeUndefined();
  });

  it('names the share image of the article’s current version in Open Graph, Twitter and JSON-LD alike', () => {
    const article = seedLikeArticle({ version: 7 });
    const path = '/media/articles/trump-urges-ceasefire-without-tomahawks/7.png';
    expect(articleMetadata(article).openGraph?.images).toEqual([
      { url: path, width: 1200, height: 630, alt: article.title },
    ]);
    expect(articleMetadata(article).twitter?.images).toEqual([path]);
    // Structured data: the same card in the three shapes Google asks for, each 1200 px wide.
    expect(newsArticleJsonLd(article).image).toEqual(
      [
        ['16x9', '675'],
        ['4x3', '900'],
        ['1x1', '1200'],
      ].map(([shape, height]) => ({
        '@type': 'ImageObject',
        url: `https://kiji.example.jp/media/articles/trump-urges-ceasefire-without-tomahawks/7-${shape}.png`,
        width: 1200,
        height: Number(height),
      })),
    );
  });

  it('gives the lead image’s three cuts with caption, credit and IPTC source type, and shares its 16:9 cut', () => {
    const article = seedLikeArticle({
      leadImage: {
        id: 9,
        width: 3000,
        height: 2000,
        alt: '会談する両首脳',
        caption: 'ホワイトハウスでの会談',
        credit: '例示通信',
        source: 'photograph',
      },
    });
    const images = newsArticleJsonLd(article).image as unknown as Record<string, string>[];
    expect(images.map((image) => [image.url, image.width, image.height])).toEqual([
      ['https://kiji.example.jp/media/images/9/1200x675.jpg', 1200, 675],
      ['https://kiji.example.jp/media/images/9/1200x900.jpg', 1200, 900],
      ['https://kiji.example.jp/media/images/9/1200x1200.jpg', 1200, 1200],
    ]);
    expect(images[0]).toMatchObject({
      caption: 'ホワイトハウスでの会談',
      creditText: '例示通信',
      digitalSourceType: 'https://schema.org/DigitalCaptureDigitalSource',
    });
    const generated = newsArticleJsonLd(
      seedLikeArticle({ leadImage: { ...article.leadImage!, source: 'ai-generated', credit: null } }),
    ).image as unknown as Record<string, string>[];
    expect(generated[0]!.digitalSourceType).toBe('https://schema.org/TrainedAlgorithmicMediaDigitalSource');
    expect(generated[0]!.creditText).toBeUndefined();
    expect(articleMetadata(article).openGraph?.images).toEqual([
      { url: '/media/images/9/1200x675.jpg', width: 1200, height: 675, alt: '会談する両首脳' },
    ]);
  });

  it('names the responsible editor as the author, with their profile, and the publisher when nobody signs', () => {
    const signed = newsArticleJsonLd(
      seedLikeArticle({ byline: { slug: 'sato-hanako', name: '佐藤花子', jobTitle: '編集委員' } }),
    );
    expect(signed.author).toMatchObject({
      '@type': 'Person',
      name: '佐藤花子',
      url: 'https://kiji.example.jp/editors/sato-hanako',
      jobTitle: '編集委員',
    });
    expect(newsArticleJsonLd(seedLikeArticle()).author).toMatchObject({ '@type': 'NewsMediaOrganization' });
  });

  it('makes page n of a listing its own canonical, titled with its number, and page 1 the bare path', () => {
    expect(
      listingMetadata({ title: '国際', path: '/category/world', page: 1, summary: 's' }).alternates?.canonical,
    ).toBe('/category/world');
    const second = listingMetadata({ title: '国際', path: '/category/world', page: 2, summary: 's' });
    expect(second.alternates?.canonical).toBe('/category/world?page=2');
    expect(second.title).toBe('国際（2ページ目）');
  });

  it('numbers breadcrumbs from 1 with absolute URLs', () => {
    expect(
      breadcrumbJsonLd([
        { name: 'Kiji', path: '/' },
        { name: '国際', path: '/category/world' },
      ]).itemListElement,
    ).toEqual([
      { '@type': 'ListItem', position: 1, name: 'Kiji', item: 'https://kiji.example.jp/' },
      { '@type': 'ListItem', position: 2, name: '国際', item: 'https://kiji.example.jp/category/world' },
    ]);
  });
});
