import type { ReactNode } from 'react';

/** What a field's input needs from its label, hint and error: an id, and what describes it. */
export type FieldControl = { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string };

export const fieldInputClass =
  'mt-1 w-full rounded border border-rule bg-paper px-3 py-2 text-ink aria-[invalid=true]:border-danger';

/**
 * A form field of the dashboard: its label, its hint and its error, tied to the input by id and
 * aria-describedby. The id is `field-<name>` (dots made hyphens), which error summaries link to.
 */
export function Field({
  name,
  label,
  errors,
  hint,
  count,
  children,
}: {
  name: string;
  label: string;
  errors: Partial<Record<string, string>>;
  hint?: string;
  /** A live character count against the field's limit: shown as the editor types, red past it. */
  count?: { length: number; max: number };
  children: (control: FieldControl) => ReactNode;
}) {
  const id = `field-${name.replace(/\./g, '-')}`;
  const error = errors[name];
  const describedBy =
    [hint ? `${id}-hint` : null, count ? `${id}-count` : null, error ? `${id}-error` : null]
      .filter(Boolean)
      .join(' ') || undefined;
  const over = count ? count.length - count.max : 0;
  return (
    <div className="mt-4">
      <label htmlFor={id} className="block text-sm font-bold">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': describedBy })}
      {count ? (
        <p
          id={`${id}-count`}
          data-testid={`count-${name}`}
          className={`mt-1 text-right text-xs ${over > 0 ? 'font-bold text-danger' : 'text-muted'}`}
        >
          {count.length.toLocaleString('ja-JP')} / {count.max.toLocaleString('ja-JP')}字
          {over > 0 ? `（${over.toLocaleString('ja-JP')}字多すぎます。保存できません）` : ''}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
