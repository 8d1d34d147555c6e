import type { Metadata } from 'next';
import { Breadcrumbs } from '@/components/site/Breadcrumbs';

export const metadata: Metadata = {
  title: 'AI利用方針',
  description: 'Kiji が記事づくりにAIをどう使い、どう確かめ、どう開示しているか。',
  alternates: { canonical: '/about/ai' },
};

export default function AiPolicyPage() {
  return (
    <div className="measure mx-auto px-4 pt-4 text-[1.0625rem]">
      <Breadcrumbs items={[{ name: 'ホーム', href: '/' }, { name: 'AI利用方針' }]} />
      <h1 className="mt-3 text-2xl font-bold">AI利用方針</h1>
      <div className="article-body mt-6">
        <p>Kiji の記事は、AIが公的資料や報道を整理して組み立てたものです。すべての記事に、その旨の表示と、参照した資料の一覧（参考・出典）を載せています。</p>
        <h2 className="mt-8 mb-3 text-xl font-bold">制作方法の表示</h2>
        <p>各記事は制作方法を「AI生成」「AI支援」「記者執筆」のいずれかで示します。人が内容を確認した記事には、確認者と確認日時を記録します。この表示は記事ページ、一覧、RSS・Atom フィード、構造化データのすべてで同じものを使います。</p>
        <h2 className="mt-8 mb-3 text-xl font-bold">出典</h2>
        <p>記事が依拠した資料は、記事末尾の「参考・出典」に番号付きで示します。出典の記載がない記事には、その旨を明記します。</p>
        <h2 className="mt-8 mb-3 text-xl font-bold">誤りへの対応</h2>
        <p>AIの出力には誤りや不確定な情報が含まれることがあります。誤りが分かった場合は、訂正方針に従って速やかに訂正し、その経緯を記事に残します。</p>
      </div>
    </div>
  );
}
