'use server';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { ForbiddenError } from '@/lib/auth/actor';
import { databaseIdSchema } from '@/lib/routes/query-params';
import { parseArticleBytes, parseArticleText } from '@/lib/articles/text/parse';
import { audit } from '@/lib/auth/audit';
import { auth } from '@/lib/auth/auth';
import {
  confirmTwoFactorSetUp,
  finishSignInWithCode,
  signInWithPassword,
  startTwoFactorSetUp,
  turnOffTwoFactor,
} from '@/lib/auth/sign-in';
import QRCode from 'qrcode';
import { currentActor, requireAdmin, requireEditor, requireRecentSignIn } from '@/lib/auth/session';
import { clearSignInLock } from '@/lib/auth/throttle';
import { deleteArticle, restoreArticle, republishArticle } from '@/lib/editorial/lifecycle';
import { formValuesFromDocument } from '@/lib/editorial/import-mapping';
import { restoreRevision } from '@/lib/editorial/revisions';
import { getArticleForEdit, saveArticle, type SaveResult } from '@/lib/editorial/save';
import { formDataToInput, INTENTS, type ArticleFormValues } from '@/lib/articles/input';
import { addCorrection } from '@/lib/articles/corrections';
import { SETTING_KEYS, type SettingKey, updateSetting } from '@/lib/articles/site-settings';
import { markContactMessageHandled } from '@/lib/editorial/contact';
import { updateOwnProfile, type ProfileInput } from '@/lib/editorial/profiles';
import { FRONT_PAGE_SLOTS, setFrontPage } from '@/lib/editorial/front-page';
import { discardAutosave, keyForArticle } from '@/lib/editorial/autosave';
import { IMPORT_MAX_BYTES } from '@/lib/routes/registry';
import { articlesTitled } from '@/lib/editorial/import-checks';
import { articleFormChoices } from '@/lib/editorial/form-choices';
import { afterArticleWrite } from '@/lib/articles/snapshots/store';
import {
  createUserAccount,
  resetUserPassword,
  roleSchema,
  setUserDisabled,
  setUserRole,
  UserInputError,
} from '@/lib/auth/users';

/**
 * Every admin mutation. Each one asks the data layer, which checks the caller itself; these
 * wrappers only translate forms into calls and results into redirects or messages.
 */

const MAX_IMPORT_BYTES = IMPORT_MAX_BYTES;

export type LoginState = { error?: string; email?: string; step?: 'password' | 'code'; next?: string };

const loginSchema = z.object({ email: z.string().trim().max(320), password: z.string().max(200) });

/** Where a sign-in returns to: an admin path of this site, never another origin. */
function returnPath(value: FormDataEntryValue | null): string {
  const path = typeof value === 'string' ? value : '';
  return /^\/admin(\/[\w\-./?=&%]*)?$/.test(path) && !path.includes('//') ? path : '/admin';
}

export async function loginAction(_previous: LoginState, form: FormData): Promise<LoginState> {
  const next = returnPath(form.get('next'));
  const parsed = loginSchema.safeParse({ email: form.get('email'), password: form.get('password') });
  if (!parsed.success || !parsed.data.email || !parsed.data.password)
    return { error: 'メールアドレスとパスワードを入力してください', next };
  const result = await signInWithPassword(parsed.data.email, parsed.data.password);
  if (result.outcome === 'refused') return { error: result.message, email: parsed.data.email, next };
  if (result.outcome === 'second-factor') return { step: 'code', email: parsed.data.email, next };
  redirect(next);
}

export async function signInCodeAction(_previous: LoginState, form: FormData): Promise<LoginState> {
  const next = returnPath(form.get('next'));
  const result = await finishSignInWithCode({
    kind: form.get('kind') === 'recovery' ? 'recovery' : 'totp',
    code: String(form.get('code') ?? ''),
  });
  if (result.outcome !== 'signed-in') {
    return { step: 'code', error: result.outcome === 'refused' ? result.message : undefined, next };
  }
  redirect(next);
}

export async function logoutAction(): Promise<void> {
  const actor = await currentActor();
  await auth().api.signOut({ headers: await headers() });
  if (actor) await audit({ actor, action: 'logout' });
  redirect('/admin/login');
}

export type ArticleFormState = { result?: SaveResult; values?: ArticleFormValues };

const idSchema = databaseIdSchema;

export async function saveArticleAction(_previous: ArticleFormState, form: FormData): Promise<ArticleFormState> {
  const actor = await requireEditor();
  const intent = z.enum(INTENTS).safeParse(form.get('intent'));
  const values = formDataToInput(form);
  if (!intent.success) return { values, result: { ok: false, message: '操作を選んでください', errors: {} } };
  const id = form.get('id') ? idSchema.parse(form.get('id')) : undefined;
  const baseVersion = form.get('baseVersion') ? idSchema.parse(form.get('baseVersion')) : undefined;
  // The version of someone else's unpublish the editor confirmed in the pre-publish dialog.
  const confirmRepublish = form.get('confirmRepublish') ? idSchema.parse(form.get('confirmRepublish')) : undefined;
  const result = await saveArticle(actor, { id, baseVersion, intent: intent.data, values, confirmRepublish });
  if (!result.ok) return { result, values };
  // Committed: its new sources are read and its figures checked in the background (docs/decisions/0028).
  afterArticleWrite(result.id);
  // Saved: the autosaved copy has nothing left to offer.
  await discardAutosave(actor, keyForArticle(id));
  // Saved even when a cache expiry could not follow (decision 0026): the notice says what is pending.
  redirect(`/admin/articles/${result.id}?saved=${intent.data}${result.notDone ? '&pending=cache' : ''}`);
}

export async function deleteArticleAction(form: FormData): Promise<void> {
  const actor = await requireEditor();
  const id = idSchema.parse(form.get('id'));
  await deleteArticle(actor, id);
  redirect(`/admin/articles/${id}?saved=delete`);
}

export async function restoreArticleAction(form: FormData): Promise<void> {
  const actor = await requireAdmin();
  const id = idSchema.parse(form.get('id'));
  await restoreArticle(actor, id);
  redirect(`/admin/articles/${id}?saved=restore`);
}

export async function restoreRevisionAction(form: FormData): Promise<void> {
  const actor = await requireEditor();
  const id = idSchema.parse(form.get('id'));
  const version = idSchema.parse(form.get('version'));
  const before = await getArticleForEdit(actor, id);
  const result = await restoreRevision(actor, id, version);
  redirect(
    result.ok
      ? `/admin/articles/${id}?saved=revision&undo=${before?.version ?? ''}`
      : `/admin/articles/${id}/revisions?error=${encodeURIComponent(result.message)}`,
  );
}

/**
 * Undo, offered by the notice after an action that can be undone: publish again after an
 * unpublish, go back to the version before a restore, restore a deleted article (an admin's).
 */
export async function undoAction(form: FormData): Promise<void> {
  const actor = await requireEditor();
  const id = idSchema.parse(form.get('id'));
  const kind = z.enum(['unpublish', 'revision', 'delete']).parse(form.get('kind'));
  if (kind === 'delete') {
    await restoreArticle(await requireAdmin(), id);
    redirect(`/admin/articles/${id}?saved=restore`);
  }
  const result =
    kind === 'unpublish'
      ? await republishArticle(actor, id)
      : await restoreRevision(actor, id, idSchema.parse(form.get('version')));
  redirect(
    result.ok
      ? `/admin/articles/${id}?saved=${kind === 'unpublish' ? 'publish' : 'revision'}`
      : `/admin/articles/${id}?error=${encodeURIComponent(result.message)}`,
  );
}

export type ImportState = {
  problems?: string[];
  values?: ArticleFormValues;
  error?: string;
  /** The pasted text, kept in the form after reading it. */
  text?: string;
  /** The categories the editor may file it in. */
  categories?: { value: string; label: string }[];
  /** Existing articles with the same title. */
  sameTitle?: { id: number; title: string; status: string; deleted: boolean }[];
};

export async function parseImportAction(_previous: ImportState, form: FormData): Promise<ImportState> {
  const actor = await requireEditor();
  const file = form.get('file');
  const pasted = form.get('text');
  const text = typeof pasted === 'string' ? pasted : undefined;
  let result;
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_IMPORT_BYTES)
      return { error: `ファイルが大きすぎます（上限 ${MAX_IMPORT_BYTES / 1024 / 1024} MB）` };
    if (!/\.(txt|md|markdown|json)$/i.test(file.name)) return { error: '.txt、.md、.json のファイルを選んでください' };
    result = parseArticleBytes(new Uint8Array(await file.arrayBuffer()), file.name);
  } else if (typeof pasted === 'string' && pasted.trim()) {
    if (pasted.length > MAX_IMPORT_BYTES) return { error: '貼り付けた文章が長すぎます' };
    result = parseArticleText(pasted);
  } else {
    return { error: '文章を貼り付けるか、ファイルを選んでください' };
  }
  if (!result.ok)
    return {
      text,
      problems: result.problems.map((problem) =>
        problem.line ? `${problem.line}行目: ${problem.message}` : problem.message,
      ),
    };
  const values = await formValuesFromDocument(actor, result.article);
  const [choices, sameTitle] = await Promise.all([articleFormChoices(actor), articlesTitled(values.title)]);
  return { text, values, categories: choices.categories, sameTitle };
}

export async function saveImportedDraftAction(form: FormData): Promise<void> {
  const actor = await requireEditor();
  let values: unknown;
  try {
    values = JSON.parse(String(form.get('values') ?? ''));
  } catch {
    redirect('/admin/import?error=' + encodeURIComponent('取り込み内容が読めません'));
  }
  // What the editor chose on the preview: the category, the date and the time.
  const chosen = Object.fromEntries(
    (['category', 'datelineDate', 'datelineTime'] as const).flatMap((name) => {
      const value = form.get(name);
      return typeof value === 'string' && value ? [[name, value]] : [];
    }),
  );
  // saveArticle validates the values with the same schema as the editing form.
  const result = await saveArticle(actor, {
    intent: 'draft',
    values: { ...(values as ArticleFormValues), ...chosen },
    auditAction: 'article_import',
  });
  if (!result.ok)
    redirect(`/admin/import?error=${encodeURIComponent(Object.values(result.errors)[0] ?? result.message)}`);
  afterArticleWrite(result.id);
  redirect(`/admin/articles/${result.id}?saved=import`);
}

export type UserFormState = { error?: string; field?: string; message?: string };

async function userAction(run: () => Promise<void>, message: string): Promise<UserFormState> {
  try {
    await run();
    // The action's answer carries the users page rendered afresh: the row shows the change at once.
    revalidatePath('/admin/users');
    return { message };
  } catch (error) {
    if (error instanceof UserInputError) return { error: error.message, field: error.field };
    if (error instanceof ForbiddenError) return { error: error.message };
    throw error;
  }
}

export async function createUserAction(_previous: UserFormState, form: FormData): Promise<UserFormState> {
  const actor = await requireAdmin();
  await requireRecentSignIn('/admin/users');
  const role = roleSchema.safeParse(form.get('role'));
  if (!role.success) return { error: '権限を選んでください', field: 'role' };
  return userAction(
    () =>
      createUserAccount(actor, {
        email: String(form.get('email') ?? ''),
        name: String(form.get('name') ?? ''),
        password: String(form.get('password') ?? ''),
        role: role.data,
      }).then(() => undefined),
    'アカウントを作成しました',
  );
}

export async function updateUserAction(_previous: UserFormState, form: FormData): Promise<UserFormState> {
  const actor = await requireAdmin();
  await requireRecentSignIn('/admin/users');
  const userId = z.string().min(1).max(100).parse(form.get('userId'));
  switch (form.get('operation')) {
    case 'role':
      return userAction(() => setUserRole(actor, userId, roleSchema.parse(form.get('role'))), '権限を変更しました');
    case 'disable':
      return userAction(() => setUserDisabled(actor, userId, true), 'アカウントを無効にしました');
    case 'enable':
      return userAction(() => setUserDisabled(actor, userId, false), 'アカウントを有効にしました');
    case 'password':
      return userAction(
        () => resetUserPassword(actor, userId, String(form.get('password') ?? '')),
        'パスワードを再設定しました',
      );
    default:
      return { error: '操作を選んでください' };
  }
}

export async function clearSignInLockAction(form: FormData): Promise<void> {
  const actor = await requireAdmin();
  await requireRecentSignIn('/admin/users');
  await clearSignInLock(actor, z.string().min(1).max(500).parse(form.get('key')));
  redirect('/admin/users');
}

export async function addCorrectionAction(form: FormData): Promise<void> {
  const actor = await requireEditor();
  const id = idSchema.parse(form.get('id'));
  const text = (name: string) => String(form.get(name) ?? '');
  const result = await addCorrection(actor, id, {
    whatWasWrong: text('whatWasWrong'),
    whatChanged: text('whatChanged'),
    beforeText: text('beforeText'),
    afterText: text('afterText'),
  });
  redirect(
    result.ok
      ? `/admin/articles/${id}?saved=correction`
      : `/admin/articles/${id}?error=${encodeURIComponent(result.message)}`,
  );
}

const settingKeySchema = z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]]);

export async function updatePublisherTextAction(form: FormData): Promise<void> {
  const actor = await requireAdmin();
  const key = settingKeySchema.safeParse(form.get('key'));
  if (!key.success) redirect(`/admin/settings?error=${encodeURIComponent('設定の種類が正しくありません')}`);
  const result = await updateSetting(actor, key.data, String(form.get('value') ?? ''));
  redirect(
    result.ok ? `/admin/settings?saved=${key.data}` : `/admin/settings?error=${encodeURIComponent(result.message)}`,
  );
}

export async function markContactHandledAction(form: FormData): Promise<void> {
  const actor = await requireEditor();
  const id = databaseIdSchema.safeParse(form.get('id'));
  if (id.success) await markContactMessageHandled(actor, id.data);
  redirect('/admin/messages');
}

export type TwoFactorState = {
  error?: string;
  setUp?: { qrSvg: string; secret: string; recoveryCodes: string[] };
};

/** Setting up two-factor sign-in: the password, then the secret (as a QR code) and recovery codes. */
export async function startTwoFactorAction(_previous: TwoFactorState, form: FormData): Promise<TwoFactorState> {
  const started = await startTwoFactorSetUp(String(form.get('password') ?? ''));
  if ('error' in started) return { error: started.error };
  const qrSvg = await QRCode.toString(started.totpURI, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { setUp: { qrSvg, secret: started.secret, recoveryCodes: started.recoveryCodes } };
}

export async function confirmTwoFactorAction(previous: TwoFactorState, form: FormData): Promise<TwoFactorState> {
  const confirmed = await confirmTwoFactorSetUp(String(form.get('code') ?? ''));
  if ('error' in confirmed) return { ...previous, error: confirmed.error };
  // Better Auth replaces the session when the second factor goes on: a fresh page reads the new one.
  redirect('/admin/two-factor?done=enabled');
}

export async function turnOffTwoFactorAction(_previous: TwoFactorState, form: FormData): Promise<TwoFactorState> {
  const result = await turnOffTwoFactor(String(form.get('password') ?? ''));
  if ('error' in result) return { error: result.error };
  redirect('/admin/two-factor?done=disabled');
}

export type ProfileFormState = {
  saved?: boolean;
  errors?: Partial<Record<keyof ProfileInput, string>>;
  values?: ProfileInput;
};

/** The signed-in editor's public profile, which their bylines link to. */
export async function updateProfileAction(_previous: ProfileFormState, form: FormData): Promise<ProfileFormState> {
  const actor = await requireEditor();
  const values = {
    profileSlug: String(form.get('profileSlug') ?? ''),
    jobTitle: String(form.get('jobTitle') ?? ''),
    bio: String(form.get('bio') ?? ''),
  };
  const result = await updateOwnProfile(actor, values);
  if (!result.ok) return { errors: result.errors, values };
  revalidatePath('/admin/profile');
  return { saved: true, values };
}

/** The home page's top story and lead stories, as editors placed them. */
export async function setFrontPageAction(form: FormData): Promise<void> {
  const actor = await requireEditor();
  const slots = Array.from({ length: FRONT_PAGE_SLOTS }, (_, index) => String(form.get(`slot${index}`) ?? ''));
  const result = await setFrontPage(actor, slots);
  redirect(result.ok ? '/admin/front-page?saved=1' : `/admin/front-page?error=${encodeURIComponent(result.message)}`);
}
