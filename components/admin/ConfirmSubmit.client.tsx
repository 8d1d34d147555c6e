'use client';

import { useId, useRef, type ReactNode } from 'react';

/**
 * A submit button that first asks, in a modal dialog that names what will happen. Without
 * JavaScript the button submits at once (the action still checks who is asking); with it, nothing
 * is sent until the editor confirms.
 */
export function ConfirmSubmit({
  children,
  title,
  consequence,
  confirmLabel,
  className,
  name,
  value,
  disabled,
}: {
  children: ReactNode;
  /** The question: 「この記事を削除しますか？」 */
  title: string;
  /** What will happen, in a sentence or two. */
  consequence: string;
  confirmLabel: string;
  className?: string;
  name?: string;
  value?: string;
  disabled?: boolean;
}) {
  const button = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const confirmed = useRef(false);
  const titleId = useId();
  return (
    <>
      <button
        ref={button}
        type="submit"
        name={name}
        value={value}
        disabled={disabled}
        className={className}
        onClick={(event) => {
          if (confirmed.current) {
            confirmed.current = false;
            return;
          }
          event.preventDefault();
          dialog.current?.showModal();
        }}
      >
        {children}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto max-w-md rounded border border-rule bg-paper p-5 text-ink backdrop:bg-black/50"
      >
        <h2 id={titleId} className="text-lg font-bold">
          {title}
        </h2>
        <p className="mt-2 text-sm">{consequence}</p>
        <div className="mt-4 flex flex-wrap justify-end gap-3">
          <button
            type="button"
            autoFocus
            onClick={() => dialog.current?.close()}
            className="rounded border border-ink px-4 py-2"
          >
            やめる
          </button>
          <button
            type="button"
            onClick={() => {
              dialog.current?.close();
              confirmed.current = true;
              button.current?.form?.requestSubmit(button.current);
            }}
            className="rounded border border-danger bg-danger px-4 py-2 font-bold text-paper"
          >
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
