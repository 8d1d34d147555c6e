'use client';

import { useEffect, useRef, useState, useTransition, type ReactNode } from 'react';
import { previewUnsavedAction } from '@/app/admin/_actions/preview';
import { SAVE_BAR_BUTTON } from './save-bar';

const WIDTHS = { phone: 'max-w-[390px]', desktop: 'max-w-[1024px]' } as const;

/**
 * Preview before saving: the form as it stands, rendered as the public page would, in a phone or a
 * desktop column, with the way back to editing and the way to publish at hand.
 */
export function UnsavedPreview({ form }: { form: React.RefObject<HTMLFormElement | null> }) {
  const [preview, setPreview] = useState<{ article?: ReactNode; problem?: string } | null>(null);
  const [width, setWidth] = useState<keyof typeof WIDTHS>('phone');
  const [pending, startTransition] = useTransition();
  const opener = useRef<HTMLButtonElement>(null);
  // Closing (編集に戻る or Escape) returns focus to the button that opened it.
  const close = () => {
    setPreview(null);
    opener.current?.focus();
  };
  useEffect(() => {
    if (!preview) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      setPreview(null);
      opener.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [preview]);
  const open = () => {
    if (!form.current || pending) return;
    const data = new FormData(form.current);
    startTransition(async () => setPreview(await previewUnsavedAction(data)));
  };
  const publish = () => {
    const button = form.current?.querySelector<HTMLButtonElement>('button[name="intent"][value="publish"]');
    setPreview(null);
    if (button) form.current?.requestSubmit(button);
  };
  return (
    <>
      <button
        ref={opener}
        type="button"
        onClick={open}
        // Not `disabled`: the preview can show while the action's transition is still pending, and
        // a disabled button cannot take back the focus when the preview is closed then.
        aria-disabled={pending}
        className={`${SAVE_BAR_BUTTON} border-ink`}
        aria-label={pending ? undefined : '保存せずにプレビュー'}
      >
        {pending ? (
          'プレビューを作成中…'
        ) : (
          <>
            <span className="max-sm:hidden">保存せずに</span>プレビュー
          </>
        )}
      </button>
      {preview ? (
        <div
          role="dialog"
          aria-modal="true"
          aria-labelledby="unsaved-preview-heading"
          className="fixed inset-0 z-50 overflow-auto bg-note p-3"
        >
          <div className="sticky top-0 z-10 mx-auto flex max-w-[1024px] flex-wrap items-center gap-3 border-b border-rule bg-note py-2 text-sm">
            <h2 id="unsaved-preview-heading" className="font-bold">
              プレビュー（まだ保存していません）
            </h2>
            <div role="group" aria-label="表示の幅" className="flex gap-2">
              {(['phone', 'desktop'] as const).map((option) => (
                <button
                  key={option}
                  type="button"
                  aria-pressed={width === option}
                  onClick={() => setWidth(option)}
                  className="rounded border border-rule px-2 aria-pressed:bg-ink aria-pressed:text-paper"
                >
                  {option === 'phone' ? 'スマートフォン幅' : 'パソコン幅'}
                </button>
              ))}
            </div>
            <button type="button" autoFocus onClick={close} className="rounded border border-ink px-3 py-1">
              編集に戻る
            </button>
            <button type="button" onClick={publish} className="rounded bg-accent px-3 py-1 font-bold text-paper">
              このまま公開する
            </button>
          </div>
          {preview.problem ? (
            <p role="alert" className="mx-auto mt-4 max-w-[1024px] text-danger">
              プレビューできません：{preview.problem}
            </p>
          ) : (
            <div
              className={`mx-auto mt-4 bg-paper py-4 ${WIDTHS[width]}`}
              data-testid="unsaved-preview"
              data-width={width}
            >
              {preview.article}
            </div>
          )}
        </div>
      ) : null}
    </>
  );
}
