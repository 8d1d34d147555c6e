import 'server-only';
import type { Actor } from '../auth/actor';
import { listCategories } from '../articles/public-reads';
import { listSigningEditors } from './profiles';

/** The article form's options that live in the database: categories, and who may sign. */
export async function articleFormChoices(actor: Actor) {
  const [categories, editors] = await Promise.all([listCategories(), listSigningEditors(actor)]);
  return {
    categories: categories.map((category) => ({ value: category.slug, label: category.name })),
    editors,
  };
}
