import { tokyoDateTime } from '../articles/fields';
import { formatJapaneseDateTime } from '../format/dates';
import type { ArticleInput } from '../articles/input';

/**
 * What an editor confirms before an article goes out (decision 0024): its sources or the stated
 * reason for none, the words for every image, its category, its URL and when it goes out. Pure:
 * the server builds the list (lib/editorial/pre-publish.ts, prePublishChecklist) and the form shows it
 * in one dialog before 今すぐ公開, 予約公開 and the preview's このまま公開する.
 */

export type PublishCheck = {
  key: string;
  /** 「出典」 */
  label: string;
  /** What the editor is about to publish, in a line: 「3件：…」 */
  detail: string;
  /** `attention` is shown as a warning: allowed, but worth a second look. */
  tone: 'ok' | 'attention';
};

export type ChecklistContext = {
  intent: 'publish' | 'schedule';
  categoryName: string;
  /** The article's public URL once published. */
  url: string;
};

const quoted = (text: string, max = 40) => `「${text.length > max ? `${text.slice(0, max)}…` : text}」`;

export function basicPublishChecks(input: ArticleInput, context: ChecklistContext): PublishCheck[] {
  const images = [
    ...(input.leadImage === null ? [] : [{ where: 'メイン画像', alt: input.leadImageAlt ?? '' }]),
    ...input.sections.flatMap((section, index) =>
      section.image === null ? [] : [{ where: `節 ${index + 1}`, alt: section.imageAlt ?? '' }],
    ),
  ];
  const dateline = tokyoDateTime(input.datelineDate, input.datelineTime);
  const when = dateline ? formatJapaneseDateTime(dateline) : '日付なし';
  return [
    input.sources.length > 0
      ? {
          key: 'sources',
          label: '出典',
          detail: `${input.sources.length}件：${input.sources.map((source) => quoted(source.title, 24)).join('、')}`,
          tone: 'ok',
        }
      : {
          key: 'sources',
          label: '出典',
          detail: input.noSourcesReason
            ? `出典なし。読者に示す理由：${quoted(input.noSourcesReason, 80)}`
            : '出典なし（理由の記載もありません）',
          tone: 'attention',
        },
    {
      key: 'alt',
      label: '画像の代替テキスト',
      detail:
        images.length === 0
          ? '画像はありません'
          : images.map((image) => `${image.where}：${image.alt ? quoted(image.alt) : '（なし）'}`).join('、'),
      tone: images.every((image) => image.alt) ? 'ok' : 'attention',
    },
    { key: 'category', label: 'カテゴリ', detail: context.categoryName, tone: 'ok' },
    { key: 'slug', label: 'URL（スラッグ）', detail: context.url, tone: 'ok' },
    {
      key: 'schedule',
      label: '公開日時',
      detail:
        context.intent === 'schedule' ? `${when} に公開します（予約）` : `今すぐ公開します（記事の日付は ${when}）`,
      tone: 'ok',
    },
  ];
}
