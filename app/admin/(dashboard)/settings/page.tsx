import type { Metadata } from 'next';
import { PublisherTextForm } from '@/components/admin/PublisherTextForm';
import { requireAdminPage } from '@/lib/auth/session';
import { ArticleTextForm } from '@/components/admin/ArticleTextForm';
import {
  ARTICLE_TEXT_KEYS,
  articleText,
  PUBLISHER_TEXT_KEYS,
  publisherText,
  SETTING_KEYS,
  settingTitle,
  type SettingKey,
} from '@/lib/articles/site-settings';

export const metadata: Metadata = { title: 'サイト設定' };

export default async function SettingsPage({
  searchParams,
}: {
  searchParams: Promise<{ saved?: string; error?: string }>;
}) {
  await requireAdminPage();
  const query = await searchParams;
  const texts = await Promise.all(PUBLISHER_TEXT_KEYS.map(async (key) => ({ key, value: await publisherText(key) })));
  const sentences = await Promise.all(ARTICLE_TEXT_KEYS.map(async (key) => ({ key, value: await articleText(key) })));
  const saved = SETTING_KEYS.find((key) => key === query.saved) as SettingKey | undefined;
  return (
    <>
      <h1 className="text-2xl font-bold">サイト設定</h1>
      {saved ? (
        <p role="status" className="mt-3 rounded border border-ok bg-ok-soft p-3 text-sm text-ok">
          {`${settingTitle(saved)}を更新しました`}
        </p>
      ) : null}
      {query.error ? (
        <p role="alert" className="mt-3 text-sm text-danger">
          {query.error}
        </p>
      ) : null}
      {texts.map(({ key, value }) => (
        <PublisherTextForm key={key} textKey={key} value={value} />
      ))}
      <h2 className="mt-10 text-xl font-bold">記事ページの文言</h2>
      {sentences.map(({ key, value }) => (
        <ArticleTextForm key={key} textKey={key} value={value} />
      ))}
    </>
  );
}
