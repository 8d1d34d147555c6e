import { DISCLOSURE_LABELS, type DisclosureKind } from './disclosure';

/**
 * The rule on sources, declared once (docs/decisions/0013): an article made with AI is published
 * with its sources, or with a reason readers are shown; a reporter's article is not held to it.
 * The editor's publish check (lib/articles/input.ts) and the importer enforce `missingSources`,
 * and every sentence that tells readers what the site promises about sources — /about, the AI
 * policy, the feeds' description, the share card — is `sourcesPromise`, written from the same
 * declaration, so the site never promises more than the writer enforces.
 */
export const SOURCES_RULE = {
  /** The ways of making an article that must show sources. */
  bindsDisclosures: ['ai-generated', 'ai-assisted'] as DisclosureKind[],
  /** Whether a written reason may stand in for sources (shown under 参考・出典 and in この記事について). */
  reasonMayReplaceSources: true,
} as const;

/** Bound unless the article says it was not made with AI: a form whose disclosure is not chosen yet is held to it too. */
export function sourcesRequired(disclosure: DisclosureKind | '' | null | undefined): boolean {
  return !disclosure || SOURCES_RULE.bindsDisclosures.includes(disclosure);
}

/** Whether publishing this article would break the rule. */
export function missingSources(article: {
  disclosure: DisclosureKind | '' | null | undefined;
  sourceCount: number;
  noSourcesReason: string | null | undefined;
}): boolean {
  if (!sourcesRequired(article.disclosure) || article.sourceCount > 0) return false;
  return !(SOURCES_RULE.reasonMayReplaceSources && article.noSourcesReason);
}

/** The promise, in full (about pages) or short (a feed's description, the share card). */
export function sourcesPromise(form: 'full' | 'short' = 'full'): string {
  const kinds = SOURCES_RULE.bindsDisclosures.map((kind) => `「${DISCLOSURE_LABELS[kind]}」`).join('と');
  const otherwise = SOURCES_RULE.reasonMayReplaceSources;
  if (form === 'short') {
    return otherwise ? 'AIによる記事には出典を、出典がなければその理由を示します' : 'AIによる記事には出典を示します';
  }
  return otherwise
    ? `${kinds}の記事は、依拠した資料を記事末尾の「参考・出典」に示します。出典を示せない記事は、編集部がその理由を書き、「参考・出典」と「この記事について」に明記します。`
    : `${kinds}の記事は、依拠した資料を記事末尾の「参考・出典」に示します。`;
}
