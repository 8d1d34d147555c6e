import 'server-only';
import { z } from 'zod';
import { assertMayEditArticles, type Actor } from '../auth/actor';
import { normalizeText } from '../format/normalize';
import { cached } from '../cache/data-cache';
import { expireTags } from '../cache/expire';
import { cacheTags } from '../cache/tags';
import { newestFirst, publicArticleWhere, summaryWithImageSelect, toSummary } from '../articles/public';
import type { ArticleSummary } from '../articles/views';
import { db } from '../platform/db';
import { audit } from '../auth/audit';

/**
 * Bylines: each article names the editor responsible for it, and each such editor has a public
 * profile (/editors/<slug>) that says who they are and lists what they signed. An editor writes
 * their own profile; only editors with one can sign an article, so every byline has its page.
 */

export const profileInputSchema = z.object({
  profileSlug: z
    .string()
    .trim()
    .min(2, 'URL名は2文字以上にしてください')
    .max(50, 'URL名は50文字以内にしてください')
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'URL名は半角英小文字・数字とハイフンで入力してください'),
  jobTitle: z.string().trim().max(100, '肩書きは100文字以内にしてください'),
  bio: z.string().trim().min(1, '紹介文を入力してください').max(2000, '紹介文は2,000文字以内にしてください'),
});
export type ProfileInput = z.input<typeof profileInputSchema>;
export type ProfileResult = { ok: true } | { ok: false; errors: Partial<Record<keyof ProfileInput, string>> };

export type EditorProfile = {
  slug: string;
  name: string;
  jobTitle: string | null;
  bio: string;
  articles: ArticleSummary[];
  /** Signs at least one real (not demo) public article: only then is the page for search engines. */
  indexable: boolean;
};

export type Byline = { slug: string; name: string; jobTitle: string | null };

const PROFILE_ARTICLES = 30;

export const getEditorProfile = cached(
  'editor-profile',
  ([slug]) => [cacheTags.editor(slug), cacheTags.articleLists],
  async (slug: string): Promise<EditorProfile | null> => {
    const user = await db().user.findUnique({
      where: { profileSlug: slug },
      select: { id: true, name: true, jobTitle: true, bio: true },
    });
    if (!user || !user.bio) return null;
    const [rows, real] = await Promise.all([
      db().article.findMany({
        where: { ...publicArticleWhere(), editorId: user.id },
        orderBy: newestFirst,
        take: PROFILE_ARTICLES,
        select: summaryWithImageSelect,
      }),
      db().article.findFirst({
        where: { ...publicArticleWhere(), editorId: user.id, demo: false },
        select: { id: true },
      }),
    ]);
    return {
      slug,
      name: user.name,
      jobTitle: user.jobTitle,
      bio: user.bio,
      articles: rows.map(toSummary),
      indexable: real !== null,
    };
  },
);

/** Profiles for the sitemap: editors who sign at least one real public article. */
export const listIndexableProfileSlugs = cached(
  'editor-profiles',
  () => [cacheTags.articleLists],
  async (): Promise<string[]> => {
    const rows = await db().user.findMany({
      where: {
        profileSlug: { not: null },
        bio: { not: null },
        editedArticles: { some: { ...publicArticleWhere(), demo: false } },
      },
      orderBy: { profileSlug: 'asc' },
      select: { profileSlug: true },
    });
    return rows.map((row) => row.profileSlug!);
  },
);

/** The signed-in editor's own profile, for its form. */
export async function getOwnProfile(actor: Actor): Promise<ProfileInput & { name: string }> {
  assertMayEditArticles(actor);
  if (actor.kind !== 'user') throw new Error('profiles belong to users');
  const row = await db().user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { name: true, profileSlug: true, jobTitle: true, bio: true },
  });
  return { name: row.name, profileSlug: row.profileSlug ?? '', jobTitle: row.jobTitle ?? '', bio: row.bio ?? '' };
}

export async function updateOwnProfile(actor: Actor, input: ProfileInput): Promise<ProfileResult> {
  assertMayEditArticles(actor);
  if (actor.kind !== 'user') throw new Error('profiles belong to users');
  const parsed = profileInputSchema.safeParse({
    profileSlug: normalizeText(input.profileSlug),
    jobTitle: normalizeText(input.jobTitle),
    bio: normalizeText(input.bio),
  });
  if (!parsed.success) {
    const errors: Partial<Record<keyof ProfileInput, string>> = {};
    for (const issue of parsed.error.issues) errors[issue.path[0] as keyof ProfileInput] ??= issue.message;
    return { ok: false, errors };
  }
  const { profileSlug, jobTitle, bio } = parsed.data;
  const taken = await db().user.findFirst({
    where: { profileSlug, NOT: { id: actor.userId } },
    select: { id: true },
  });
  if (taken) return { ok: false, errors: { profileSlug: 'このURL名は別の編集者が使っています' } };
  const before = await db().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { profileSlug: true } });
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { profileSlug, jobTitle: jobTitle || null, bio } });
    await audit(
      { actor, action: 'profile_update', targetType: 'user', targetId: actor.userId, detail: { profileSlug } },
      tx,
    );
  });
  // The profile page (old and new URL) and every article the byline appears on.
  const signed = await db().article.findMany({ where: { editorId: actor.userId }, select: { slug: true } });
  await expireTags([
    ...new Set([
      cacheTags.editor(profileSlug),
      ...(before.profileSlug ? [cacheTags.editor(before.profileSlug)] : []),
      ...signed.map((article) => cacheTags.article(article.slug)),
    ]),
  ]);
  return { ok: true };
}

/** Who may sign an article: editors with a profile, not disabled. */
export async function listSigningEditors(actor: Actor): Promise<{ value: string; label: string }[]> {
  assertMayEditArticles(actor);
  const rows = await db().user.findMany({
    where: { profileSlug: { not: null }, bio: { not: null }, OR: [{ banned: false }, { banned: null }] },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, jobTitle: true },
  });
  return rows.map((row) => ({ value: row.id, label: row.jobTitle ? `${row.name}（${row.jobTitle}）` : row.name }));
}

const DEMO_EDITOR = {
  id: 'demo-editor',
  name: 'デモ編集者',
  email: 'demo-editor@kiji.invalid',
  profileSlug: 'demo-editor',
  jobTitle: 'デモ用の架空の編集者',
  bio: 'Kiji のデモ記事に署名している架空の編集者です。実在の人物ではなく、サインインもできません。\n\n実際に運用するときは、記事に責任を持つ編集者が自分のプロフィールを書き、記事の「担当編集者」に選ばれます。',
};

/** The demo articles' signing editor: a profile with no password, so nobody can sign in as it. */
export async function ensureDemoEditor(actor: Actor): Promise<string> {
  assertMayEditArticles(actor);
  const { id, ...profile } = DEMO_EDITOR;
  await db().user.upsert({
    where: { id },
    create: { id, ...profile, role: 'editor', emailVerified: false },
    update: profile,
  });
  return id;
}
