import 'server-only';
import { assertIsAdmin, type Actor } from '../auth/actor';
import { audit } from '../auth/audit';
import { db } from '../platform/db';

/**
 * The API's own settings (docs/decisions/0034), kept in site_settings: whether the read API
 * (`GET /api/v1/articles`) answers without a key. Off unless an admin switches it on.
 */
const ARTICLES_PUBLIC_KEY = 'api.articles_public';

export async function articlesApiIsPublic(): Promise<boolean> {
  const row = await db().siteSetting.findUnique({ where: { key: ARTICLES_PUBLIC_KEY }, select: { value: true } });
  return row?.value === '1';
}

export async function setArticlesApiPublic(actor: Actor, open: boolean): Promise<void> {
  assertIsAdmin(actor);
  const updatedBy = actor.kind === 'user' ? actor.email : `system:${actor.name}`;
  await db().$transaction(async (tx) => {
    await tx.siteSetting.upsert({
      where: { key: ARTICLES_PUBLIC_KEY },
      create: { key: ARTICLES_PUBLIC_KEY, value: open ? '1' : '0', updatedBy },
      update: { value: open ? '1' : '0', updatedBy },
    });
    await audit(
      {
        actor,
        action: 'api_settings_update',
        targetType: 'setting',
        targetId: ARTICLES_PUBLIC_KEY,
        detail: { open },
      },
      tx,
    );
  });
}
