import { z } from 'zod';

/**
 * Which form an autosaved copy belongs to: "article:<id>", or "new" for an article not yet saved.
 * Pure: the form names its copy with it, and the server reads it back (./autosave.ts).
 */
export const AUTOSAVE_KEY = z.union([z.literal('new'), z.string().regex(/^article:[1-9]\d{0,9}$/)]);
export type AutosaveKey = z.infer<typeof AUTOSAVE_KEY>;
export const keyForArticle = (id: number | undefined): AutosaveKey => (id ? `article:${id}` : 'new');
