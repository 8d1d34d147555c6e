/**
 * Sentences every article page shows that editors may reword in サイト設定, beside the publisher's
 * pages (lib/articles/publisher-texts.ts): each one's name in the settings, what its placeholders
 * mean, and what it says until an admin writes another. Pure: the article view and the form share it.
 */
export const ARTICLE_TEXTS = {
  'claims-checked': {
    title: 'この記事について：出典との照合',
    hint: '{total} は照合した数値・日付などの件数、{found} は出典で確認できた件数、{date} は照合した日に置き換わります。',
    fallback: '数値・日付 {total}件中 {found}件を出典で確認（{date}）',
  },
  'claims-unchecked': {
    title: 'この記事について：出典と照合していないとき',
    hint: '出典がない記事や、まだ出典を読めていない記事に表示します。',
    fallback: '数値・日付は出典と照合していません',
  },
} as const;

export type ArticleTextKey = keyof typeof ARTICLE_TEXTS;

/** A template with {total}, {found} and {date} filled in; unknown placeholders stay as written. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
