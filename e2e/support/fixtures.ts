import type { ArticleDocument } from '../../lib/articles/text/document';
import { config } from '../../lib/platform/config';

import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const e2ePort = config().E2E_PORT;
/** A local HTTP server the source-health test starts: the checker never goes to outside hosts. */
export const HEALTH_PORT = e2ePort + 99;
/** Where the e2e server serves its Prometheus metrics (on 127.0.0.1 only). */
export const METRICS_PORT = e2ePort + 97;

/** The contact the e2e server publishes in /.well-known/security.txt. */
export const SECURITY_CONTACT = 'mailto:security@kiji.test';

/** The e2e server writes its database URL here, so that tests can run the CLI against it. */
export const E2E_STATE_FILE = path.join(tmpdir(), `kiji-e2e-${e2ePort}.json`);
/** Everything the e2e server writes to stdout and stderr, kept for tests that read its log. */
export const E2E_SERVER_LOG = path.join(tmpdir(), `kiji-e2e-${e2ePort}.log`);

type E2eState = { databaseUrl: string; totpSecrets: Record<string, string> };
const e2eState = () => JSON.parse(readFileSync(E2E_STATE_FILE, 'utf8')) as E2eState;

export function e2eDatabaseUrl(): string {
  return e2eState().databaseUrl;
}

/** The authenticator secret of a fixture account with two-factor sign-in, if it has one. */
export function totpSecretOf(email: string): string | undefined {
  return e2eState().totpSecrets[email];
}

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

/** A demo article with no lead image: its share card and structured-data images are generated. */
export const IMAGELESS = { slug: 'demo-asteroid-sample-organics' };

/** A demo article that has sources. */
export const SOURCED = { slug: 'demo-minimum-wage-regional-gap', sourceCount: 2 };

/** Never public: it mentions 停戦 and carries the seed's tags, so any leak shows up in search and listings. */
const hidden: ArticleDocument = {
  title: 'E2E 非公開の記事',
  lead: '公開されてはならない記事のリード。停戦とトマホークに触れる。',
  sections: [{ heading: '見出し', paragraphs: ['本文。'] }],
  sources: [],
  tags: ['停戦'],
  category: 'world',
};

export const PSQL_EDITED = { slug: 'e2e-psql-edited', title: 'E2E psqlで直される記事' };
/** Served by the fast path (e2e/cache-paths.spec.ts), and changed behind Kiji's back there. */
export const CACHE_PATHS = { slug: 'e2e-cache-paths', title: 'E2E 速い道で届く記事', tag: '速い道' };
/** An article many readers ask for at the moment a write expires it (cache-paths e2e). */
export const CACHE_HERD = { slug: 'e2e-cache-herd', title: 'E2E 大勢が同時に読む記事' };
/** Two articles in different sections with nothing in common: a write to one must leave the other cached. */
export const CACHE_SCOPE = {
  quiet: { slug: 'e2e-cache-quiet', title: 'E2E 書き換えのない記事' },
  busy: { slug: 'e2e-cache-busy', title: 'E2E 書き換えの続く記事', tag: '書き換えの続く記事' },
};
export const PAGED_CATEGORY = { slug: 'economy', tag: 'ページ送り', title: 'E2E 経済の続報', count: 23 };
export const HOSTILE_TITLE = 'E2E </script><script>alert(1)</script><img src=x onerror=alert(2)> 見出し';

function pagedArticle(n: number): ArticleDocument {
  return {
    title: `${PAGED_CATEGORY.title} 第${n}報`,
    lead: `ページ送りを確かめるための第${n}報のリード。`,
    sections: [{ heading: '経過', paragraphs: [`第${n}報の本文。`] }],
    sources: [{ title: '例示資料', url: `https://example.org/report/${n}` }],
    tags: [PAGED_CATEGORY.tag],
    category: PAGED_CATEGORY.slug,
  };
}

/** An AI-assisted article that cites its sources by number, with a full generation record. */
const CITED_DOCUMENT: ArticleDocument = {
  title: 'E2E 出典を番号で示す記事',
  lead: 'AIが下書きし、編集者が確認した記事のリード。',
  sections: [
    { heading: '本文で示す節', paragraphs: ['政府は方針を示した[1]。専門家は懸念を表明した[2]。'] },
    { heading: '番号だけで示す節', paragraphs: ['ここには本文中の番号がない。'], cites: [2] },
    { heading: '出典のない節', paragraphs: ['この節は何にも依拠していない。'] },
  ],
  sources: [
    { title: '第一の資料', url: 'https://example.org/cited/1', publisher: '例示省' },
    { title: '第二の資料', url: 'https://example.org/cited/2' },
  ],
  category: 'politics',
  disclosure: 'ai-assisted',
  reviewedBy: '確認 花子',
  reviewedAt: '2025-11-02T10:00:00+09:00',
  generation: {
    model: 'kiji-writer',
    modelVersion: '2025-10',
    promptTemplateVersion: 'news-v3',
    sourcesRetrievedAt: '2025-11-01T08:30:00+09:00',
  },
};

export const UNDRAWABLE_TITLE = { slug: 'e2e-emoji-title', title: 'E2E 速報📰 絵文字と\u200b幅のない空白を含む見出し' };

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
  ...Array.from({ length: PAGED_CATEGORY.count }, (_, i) => ({
    document: pagedArticle(i + 1),
    options: {
      slug: `e2e-paged-${i + 1}`,
      status: 'published' as const,
      publishedAt: new Date(Date.now() - (i + 1) * 60_000),
    },
  })),
  {
    // Newer than the seed, with 停戦 in its body only: a title hit must still rank above it.
    document: {
      title: 'E2E 本文だけに語を含む記事',
      lead: '本文で停戦に触れるだけの記事。',
      sections: [{ heading: '概要', paragraphs: ['停戦交渉の行方を追う。'] }],
      sources: [],
      category: 'world',
    },
    options: { slug: 'e2e-body-only', status: 'published', publishedAt: new Date('2025-12-01T00:00:00Z') },
  },
  {
    document: {
      title: 'E2E 解説：停戦交渉の構図',
      lead: '解説記事のリード。',
      sections: [{ heading: '構図', paragraphs: ['解説の本文。'] }],
      sources: [],
      category: 'world',
      kind: 'analysis',
    },
    options: { slug: 'e2e-analysis', status: 'published', publishedAt: new Date('2025-09-01T00:00:00Z') },
  },
  {
    // A headline with characters the share image's font lacks (an emoji, a zero-width space).
    document: {
      title: UNDRAWABLE_TITLE.title,
      lead: '絵文字を含む見出しの記事。',
      sections: [{ heading: '概要', paragraphs: ['共有画像の試験。'] }],
      sources: [],
      category: 'world',
    },
    options: { slug: UNDRAWABLE_TITLE.slug, status: 'published', publishedAt: new Date('2024-03-01T00:00:00Z') },
  },
  {
    document: {
      title: HOSTILE_TITLE,
      lead: '<script>alert(3)</script> と javascript:alert(4) を含むリード。',
      sections: [{ heading: '<iframe srcdoc="<script>alert(5)</script>">', paragraphs: ['<svg onload=alert(6)>'] }],
      sources: [],
      category: 'society',
    },
    options: { slug: 'e2e-hostile', status: 'published', publishedAt: new Date('2025-11-20T00:00:00Z') },
  },
  {
    // Deleted by the security spec's positive control: nothing else may rely on it.
    document: {
      title: 'E2E 使い捨ての記事',
      lead: '使い捨て。',
      sections: [{ heading: '見出し', paragraphs: ['本文。'] }],
      sources: [],
      category: 'politics',
    },
    options: { slug: 'e2e-throwaway', status: 'published', publishedAt: new Date('2024-01-01T00:00:00Z') },
  },
  {
    document: CITED_DOCUMENT,
    options: { slug: 'e2e-cited', status: 'published', publishedAt: new Date('2025-11-02T03:00:00Z') },
  },
  // Edited by the generation-record test alone: a correction added to e2e-cited at the same time
  // is a new version of that article, which would make these edits conflict.
  {
    document: { ...CITED_DOCUMENT, title: 'E2E 生成の記録を持つ記事' },
    options: { slug: 'e2e-generation', status: 'published', publishedAt: new Date('2025-11-02T03:00:00Z') },
  },
  {
    document: {
      title: 'E2E 記者が書いた記事',
      lead: '人が書いた記事のリード。',
      sections: [{ heading: '見出し', paragraphs: ['本文。'] }],
      sources: [],
      category: 'society',
      disclosure: 'human',
      disclaimer: 'この記事は記者が取材し執筆しました。',
    },
    options: { slug: 'e2e-human', status: 'published', publishedAt: new Date('2025-11-03T03:00:00Z') },
  },
  {
    document: {
      title: 'E2E 出典の健康診断',
      lead: '出典の状態を確かめる記事。',
      sections: [{ heading: '見出し', paragraphs: ['本文[1][2]。'] }],
      sources: [
        { title: '生きている資料', url: `http://127.0.0.1:${HEALTH_PORT}/ok` },
        { title: '消えた資料', url: `http://127.0.0.1:${HEALTH_PORT}/gone` },
      ],
      category: 'technology',
    },
    options: { slug: 'e2e-source-health', status: 'published', publishedAt: new Date('2025-11-04T03:00:00Z') },
  },
  {
    // Changed behind Kiji's back with an UPDATE, as an operator with psql would (discovery.spec.ts).
    document: {
      title: PSQL_EDITED.title,
      lead: 'psql で直される記事のリード。',
      sections: [{ heading: '本文', paragraphs: ['本文。'] }],
      sources: [],
      category: 'society',
    },
    options: { slug: PSQL_EDITED.slug, status: 'published', publishedAt: new Date(Date.now() - 30 * 60_000) },
  },
  {
    document: {
      title: CACHE_PATHS.title,
      lead: '速い道で届く記事のリード。',
      sections: [{ heading: '本文', paragraphs: ['本文。'] }],
      sources: [],
      category: 'technology',
      tags: [CACHE_PATHS.tag],
    },
    options: { slug: CACHE_PATHS.slug, status: 'published', publishedAt: new Date('2025-09-10T03:00:00Z') },
  },
  {
    document: {
      title: CACHE_HERD.title,
      lead: '大勢が同時に読む記事のリード。',
      sections: [{ heading: '本文', paragraphs: ['本文。'] }],
      sources: [],
      category: 'technology',
    },
    options: { slug: CACHE_HERD.slug, status: 'published', publishedAt: new Date('2025-09-09T03:00:00Z') },
  },
  {
    document: {
      title: CACHE_SCOPE.quiet.title,
      lead: '書き換えのない記事のリード。',
      sections: [{ heading: '本文', paragraphs: ['本文。'] }],
      sources: [],
      category: 'politics',
    },
    options: { slug: CACHE_SCOPE.quiet.slug, status: 'published', publishedAt: new Date('2025-09-11T03:00:00Z') },
  },
  {
    document: {
      title: CACHE_SCOPE.busy.title,
      lead: '書き換えの続く記事のリード。',
      sections: [{ heading: '本文', paragraphs: ['本文。'] }],
      sources: [],
      category: 'society',
      tags: [CACHE_SCOPE.busy.tag],
    },
    options: { slug: CACHE_SCOPE.busy.slug, status: 'published', publishedAt: new Date('2025-09-12T03:00:00Z') },
  },
  { document: hidden, options: { slug: 'e2e-draft', status: 'draft' } },
  { document: hidden, options: { slug: 'e2e-deleted', status: 'published' }, deleted: true },
  {
    document: hidden,
    options: { slug: 'e2e-scheduled', status: 'published', publishedAt: new Date(Date.now() + 7 * 86_400_000) },
  },
];

export type Account = { email: string; password: string; name: string; role: 'admin' | 'editor' };

/** Accounts the e2e server creates before it starts. */
export const ACCOUNTS = {
  admin: { email: 'admin@kiji.test', password: 'hanako no himitsu 2025', name: '管理 花子', role: 'admin' },
  editor: { email: 'editor@kiji.test', password: 'taro no himitsu 2025', name: '編集 太郎', role: 'editor' },
  second: { email: 'second@kiji.test', password: 'jiro no himitsu 2025', name: '編集 次郎', role: 'editor' },
  lockout: { email: 'lockout@kiji.test', password: 'saburo no himitsu 2025', name: '試行 三郎', role: 'editor' },
  disabled: { email: 'disabled@kiji.test', password: 'shiro no himitsu 2025', name: '停止 四郎', role: 'editor' },
  // e2e/sign-in-security.spec.ts: one account per attack, so that their counts never meet.
  spoofed: { email: 'spoofed@kiji.test', password: 'goro no himitsu 2025', name: '偽装 五郎', role: 'editor' },
  owner: { email: 'owner@kiji.test', password: 'rokuro no himitsu 2025', name: '本人 六郎', role: 'editor' },
  racer: { email: 'racer@kiji.test', password: 'shichiro no himitsu 2025', name: '並列 七郎', role: 'editor' },
  banned: { email: 'banned@kiji.test', password: 'hachiro no himitsu 2025', name: '停止中 八郎', role: 'editor' },
  veteran: { email: 'veteran@kiji.test', password: 'kuro no himitsu 2025', name: '古参 九郎', role: 'editor' },
  twoFactor: { email: 'twofactor@kiji.test', password: 'juro no himitsu 2025', name: '二段 十郎', role: 'editor' },
  // e2e/images-and-bylines.spec.ts: writes a profile and signs an article with it.
  byline: { email: 'byline@kiji.test', password: 'juichi no himitsu 2025', name: '署名 十一子', role: 'editor' },
} satisfies Record<string, Account>;

/** Accounts the e2e server disables before it starts. */
export const DISABLED_AT_START: string[] = [ACCOUNTS.banned.email];
