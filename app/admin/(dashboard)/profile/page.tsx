import type { Metadata } from 'next';
import { ProfileForm } from '@/components/admin/ProfileForm.client';
import { requireEditorPage } from '@/lib/auth/session';
import { getOwnProfile } from '@/lib/editorial/profiles';
import { routes } from '@/lib/routes/registry';

export const metadata: Metadata = { title: 'プロフィール' };

export default async function ProfilePage() {
  const actor = await requireEditorPage();
  const { name, ...profile } = await getOwnProfile(actor);
  return (
    <>
      <h1 className="text-2xl font-bold">プロフィール</h1>
      <p className="mt-2 text-sm">
        {name}{' '}
        さんの公開プロフィールです。記事の「担当編集者」に選ばれると、記事に署名として表示され、このプロフィールへリンクします。
        {profile.profileSlug ? (
          <>
            {' '}
            公開ページ：<a href={routes.editor.href(profile.profileSlug)}>{routes.editor.href(profile.profileSlug)}</a>
          </>
        ) : null}
      </p>
      <ProfileForm initial={profile} />
    </>
  );
}
