import { z } from 'zod';

/**
 * The admin pages' query strings and path ids as they cross into the data layer, validated once
 * here (lib/routes/registry.ts does the same for public routes). PostgreSQL refuses a NUL byte in
 * text (22021) and an integer past its range (22003): both used to reach it from a URL and answer
 * 500. Pure: pages and actions share it.
 */

/** PostgreSQL's `integer`, which every id and version column is. */
export const DATABASE_INT_MAX = 2_147_483_647;

/** A row id or version from a URL or a form: a positive integer the database can hold. */
export const databaseIdSchema = z.coerce.number().int().min(1).max(DATABASE_INT_MAX);

/** The id, or null for anything else (`abc`, `0`, `2147483648`): the page answers 404. */
export function parseDatabaseId(value: unknown): number | null {
  const parsed = databaseIdSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * Free text typed into a filter (a search, an author's or actor's name): control characters,
 * the NUL byte among them, mean nothing in it and are dropped; past `max` characters, or empty
 * after that, it is no filter at all.
 */
export function filterTextSchema(max: number) {
  return z
    .string()
    .transform((value) => value.replace(/[\u0000-\u001f\u007f]/g, '').trim())
    .pipe(z.string().min(1).max(max))
    .optional()
    .catch(undefined);
}
