import {
  articleInputSchema,
  imageProblems,
  issuesToFieldErrors,
  publishProblems,
  type ArticleFormValues,
  type ArticleInput,
  type FieldErrors,
  type SaveIntent,
} from '../articles/input';

/** A form's refusal: its message and every field's problem. */
export type FormRefusal = { ok: false; message: string; errors: FieldErrors };

/** `values` with the text at each of `paths` (`title`, `sections.0.heading`) replaced by `stand-in`. */
function replacedAt(values: ArticleFormValues, paths: string[], standIn: string): ArticleFormValues {
  const copy = structuredClone(values) as unknown as Record<string, unknown>;
  for (const path of paths) {
    const keys = path.split('.');
    let at: unknown = copy;
    for (const key of keys.slice(0, -1)) at = (at as Record<string, unknown> | undefined)?.[key];
    const last = keys.at(-1)!;
    if (at && typeof at === 'object' && typeof (at as Record<string, unknown>)[last] === 'string')
      (at as Record<string, unknown>)[last] = standIn;
  }
  return copy as unknown as ArticleFormValues;
}

/**
 * Stand-ins for the fields the schema refused, tried in turn (a word, then blank, then a URL),
 * only so that the checks that need a parsed article can run; they are never saved.
 */
const STAND_INS = ['a', '', 'https://example.invalid/'];

/** The form parsed with stand-ins for the refused fields, for the other checks; null if none fits. */
function parsedWithStandIns(values: ArticleFormValues, refused: string[]): ArticleInput | null {
  let current = values;
  let failing = refused;
  for (const standIn of STAND_INS) {
    current = replacedAt(current, failing, standIn);
    const parsed = articleInputSchema.safeParse(current);
    if (parsed.success) return parsed.data;
    failing = Object.keys(issuesToFieldErrors(parsed.error.issues));
  }
  return null;
}

/**
 * Every problem of a form at once, not in stages: the schema's, and those the checks after it
 * (image descriptions, what publishing needs) find, run on the form with stand-ins for the fields
 * the schema refused; a refused field's own problem is the schema's.
 */
export function formProblems(values: ArticleFormValues, intent: SaveIntent): FormRefusal | null {
  const parsed = articleInputSchema.safeParse(values);
  const schemaErrors = parsed.success ? {} : issuesToFieldErrors(parsed.error.issues);
  const input = parsed.success ? parsed.data : parsedWithStandIns(values, Object.keys(schemaErrors));
  const imageErrors = input ? imageProblems(input) : {};
  const publishErrors = input ? publishProblems(input, intent) : {};
  const errors: FieldErrors = { ...imageErrors, ...publishErrors, ...schemaErrors };
  const problems = Object.values(errors);
  if (problems.length === 0) return null;
  // One problem is named in the message itself (a schedule time in the past says so); several are listed by field.
  const message = !parsed.success
    ? '入力内容を確認してください'
    : problems.length === 1
      ? problems[0]!
      : Object.keys(publishErrors).length === 0
        ? '画像の説明が足りません'
        : Object.keys(imageErrors).length === 0
          ? '公開に必要な項目が足りません'
          : '入力内容を確認してください';
  return { ok: false, message, errors };
}
