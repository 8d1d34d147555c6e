'use client';

import { useActionState } from 'react';
import { updateProfileAction, type ProfileFormState } from '@/app/admin/actions';
import type { ProfileInput } from '@/lib/editorial/profiles';

const input = 'mt-1 w-full rounded border border-rule bg-paper px-3 py-2 text-ink aria-[invalid=true]:border-danger';

const FIELDS: { name: keyof ProfileInput; label: string; hint: string; rows?: number }[] = [
  { name: 'profileSlug', label: 'URL名', hint: 'プロフィールの URL（/editors/〇〇）。半角英小文字・数字とハイフン' },
  { name: 'jobTitle', label: '肩書き', hint: '例：編集委員、デスク（任意）' },
  { name: 'bio', label: '紹介文', hint: '経歴や担当分野。読者に公開されます。段落は空行で区切ります', rows: 6 },
];

/** The editor's own public profile. Signing an article needs one, so every byline links somewhere real. */
export function ProfileForm({ initial }: { initial: ProfileInput }) {
  const [state, action, pending] = useActionState<ProfileFormState, FormData>(
    updateProfileAction,
    {},
    '/admin/profile',
  );
  const values = state.values ?? initial;
  return (
    <form action={action} className="mt-4 max-w-2xl">
      {state.saved ? (
        <p role="status" className="rounded border border-ok bg-ok-soft p-3 text-sm text-ok">
          プロフィールを保存しました
        </p>
      ) : null}
      {FIELDS.map((field) => {
        const id = `profile-${field.name}`;
        const error = state.errors?.[field.name];
        const common = {
          id,
          name: field.name,
          defaultValue: values[field.name],
          'aria-invalid': !!error,
          'aria-describedby': `${id}-hint${error ? ` ${id}-error` : ''}`,
          className: input,
        };
        return (
          <div key={`${field.name}-${state.saved ? 'saved' : 'editing'}`} className="mt-4">
            <label htmlFor={id} className="block text-sm font-bold">
              {field.label}
            </label>
            <p id={`${id}-hint`} className="text-xs text-muted">
              {field.hint}
            </p>
            {field.rows ? <textarea {...common} rows={field.rows} /> : <input {...common} />}
            {error ? (
              <p id={`${id}-error`} className="mt-1 text-sm text-danger">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      <button type="submit" disabled={pending} className="mt-4 rounded bg-accent px-4 py-2 font-bold text-paper">
        プロフィールを保存
      </button>
    </form>
  );
}
