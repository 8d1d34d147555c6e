import { sourcesPromise } from '../articles/sources-rule';

/** The AI policy shown at /about/ai until an admin writes another (plain-text blocks, "## " headings). */
export const DEFAULT_AI_POLICY = `Kiji の記事は、AIが公的資料や報道を整理して組み立てたものです。すべての記事に、どう作ったかの表示を載せています。

## 制作方法の表示

各記事は制作方法を「AI生成」「AI支援」「記者執筆」のいずれかで示します。人が内容を確認した記事には、確認者と確認日時を記録します。この表示は記事ページ、一覧、RSS・Atom フィード、構造化データ、HTTP の AI-Disclosure ヘッダーのすべてで同じ記録から作られます。

## 出典

${sourcesPromise()}資料には番号を付け、本文の節から番号で参照します。

## 生成の記録

使ったモデルとその版、指示テンプレートの版、資料を取得した日時を記事ごとに記録し、「この記事について」に表示します。

## 誤りへの対応

AIの出力には誤りや不確定な情報が含まれることがあります。誤りが分かった場合は、訂正方針に従って速やかに訂正し、その経緯を記事と訂正一覧に残します。`;
