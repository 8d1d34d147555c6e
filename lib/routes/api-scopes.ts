/** What an integration key may do (docs/decisions/0030). Pure: the route table names them in its guards. */
export const API_SCOPES = [
  'submissions:write',
  'submissions:read',
  'media:write',
  'articles:read',
  'live:write',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Each scope as the dashboard names it. */
export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  'submissions:write': '入稿する',
  'submissions:read': '入稿の状態を読む',
  'media:write': '画像を送る',
  'articles:read': '公開記事を読む',
  'live:write': 'ライブの更新を送る（編集者の確認後に掲載）',
};
