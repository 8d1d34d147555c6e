import { sourcesPromise } from '../articles/sources-rule';
import { DEFAULT_AI_POLICY } from './ai-policy';

/**
 * The publisher's pages that admins write as text (paragraphs, "## " headings) in サイト設定:
 * each one's title, its public path and what it says until an admin writes another. These are
 * the trust signals news aggregators look for: who publishes, how AI is used, how data is kept.
 */
export const PUBLISHER_TEXTS = {
  'ai-policy': { title: 'AI利用方針', path: '/about/ai', fallback: DEFAULT_AI_POLICY },
  about: {
    title: '発行者について',
    path: '/about',
    fallback: `Kiji（記事）は、AIが公的資料と報道から組み立てたニュースを、出典とともに届けるオープンソースのニュースサイトです。

## 発行者

このサイトは Kiji 編集部が発行・運営しています。記事の公開、訂正、削除の判断は編集部が行い、その責任を負います。

## 編集方針

${sourcesPromise()}AIをどのように使い、人がどう確認しているかはAI利用方針に、誤りへの対応は訂正方針に定めています。

## 連絡先

記事の誤り、権利の侵害、そのほかのご意見は、お問い合わせフォームからお送りください。編集部が読み、必要に応じて返信します。`,
  },
  privacy: {
    title: 'プライバシーポリシー',
    path: '/about/privacy',
    fallback: `Kiji は、読者の行動を追跡しません。広告や解析のためのスクリプト、Cookie は使っていません。

## お問い合わせで受け取る情報

お問い合わせフォームでは、お名前、メールアドレス（任意）、お問い合わせの内容を受け取ります。送信元のIPアドレスは、短時間に大量の送信を防ぐためにだけ記録します。これらは編集部が返信と対応のためにだけ使い、第三者に提供しません。お問い合わせは受け取りから1年で削除します。

## アクセスの記録

サーバーは障害の調査と不正なアクセスの防止のため、アクセスの日時、URL、応答の記録を残すことがあります。

## 変更

この方針を変えるときは、このページで知らせます。`,
  },
} as const;

export type PublisherTextKey = keyof typeof PUBLISHER_TEXTS;
