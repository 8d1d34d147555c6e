'use client';

import { useActionState } from 'react';
import { updateProfileAction, type ProfileFormState } from '@/app/admin/_actions/profile';
import type { ProfileInput } from '@/lib/editorial/profiles';
import { Field, fieldInputClass } from './FormField';

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
      {FIELDS.map((field) => (
        // Remounted after a save, so each input shows what was saved.
        <Field
          key={`${field.name}-${state.saved ? 'saved' : 'editing'}`}
          name={field.name}
          label={field.label}
          hint={field.hint}
          errors={state.errors ?? {}}
        >
          {(control) => {
            const common = {
              ...control,
              name: field.name,
              defaultValue: values[field.name],
              className: fieldInputClass,
            };
            return field.rows ? <textarea {...common} rows={field.rows} /> : <input {...common} />;
          }}
        </Field>
      ))}
      <button type="submit" disabled={pending} className="mt-4 rounded bg-accent px-4 py-2 font-bold text-paper">
        プロフィールを保存
      </button>
    </form>
  );
}
