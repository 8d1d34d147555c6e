'use client';

import { useState } from 'react';
import { routes } from '@/lib/routes/registry';
import { cropFile, imageUrl } from '@/lib/media/renditions';
import { EDITOR_REQUEST_HEADER } from '@/lib/routes/editor-requests';
import type { FieldControl } from './FormField';

type UploadState =
  | { phase: 'idle'; error: string | null }
  | { phase: 'sending'; sent: number; error: null }
  | { phase: 'processing'; error: null };

/**
 * An image field: the chosen file is uploaded at once (app/admin/media/upload) and the field holds
 * the stored image's id, which the article's save sends. The file itself never rides on the save.
 */
export function ImagePicker({
  name,
  value,
  onChange,
  control,
}: {
  name: string;
  value: string;
  onChange: (value: string) => void;
  control: FieldControl;
}) {
  const [state, setState] = useState<UploadState>({ phase: 'idle', error: null });
  const upload = (file: File, source: string) => {
    setState({ phase: 'sending', sent: 0, error: null });
    // XMLHttpRequest, not fetch: only it reports how much of the body has been sent.
    const request = new XMLHttpRequest();
    // The image's kind (its field is named after this one), when chosen: the renditions record it.
    const query = source ? `?source=${encodeURIComponent(source)}` : '';
    request.open('POST', `${routes.imageUpload.href()}${query}`);
    request.setRequestHeader(EDITOR_REQUEST_HEADER, '1');
    request.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) setState({ phase: 'sending', sent: event.loaded / event.total, error: null });
    };
    // Every byte is there: the server now makes the renditions (AVIF, WebP, JPEG at four widths and three crops).
    request.upload.onload = () => setState({ phase: 'processing', error: null });
    request.onload = () => {
      let body: { id?: number; error?: string } = {};
      try {
        body = JSON.parse(request.responseText) as typeof body;
      } catch {
        // not JSON: the status says what happened
      }
      if (request.status < 200 || request.status >= 300 || !body.id) {
        setState({ phase: 'idle', error: body.error ?? `アップロードできませんでした（${request.status}）` });
        return;
      }
      onChange(String(body.id));
      setState({ phase: 'idle', error: null });
    };
    request.onerror = () => setState({ phase: 'idle', error: 'アップロードできませんでした。接続を確かめてください' });
    request.send(file);
  };
  const busy = state.phase !== 'idle';
  const statusId = `${control.id}-status`;
  return (
    <div className="mt-1">
      <input type="hidden" name={name} value={value} />
      {value ? (
        // eslint-disable-next-line @next/next/no-img-element -- a preview of the stored rendition, not a page image
        <img
          src={imageUrl(Number(value), cropFile('4x3'))}
          alt=""
          width={240}
          height={180}
          className="mb-2 rounded border border-rule object-cover"
          data-testid="image-preview"
        />
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <input
          id={control.id}
          type="file"
          accept="image/jpeg,image/png,image/webp,image/avif"
          aria-invalid={control['aria-invalid']}
          aria-describedby={[control['aria-describedby'], statusId].filter(Boolean).join(' ')}
          disabled={busy}
          onChange={(event) => {
            const file = event.target.files?.[0];
            const kind = event.target.form?.elements.namedItem(`${name}Source`);
            if (file) upload(file, kind instanceof HTMLSelectElement ? kind.value : '');
            event.target.value = '';
          }}
          className="text-sm"
        />
        {value ? (
          <button
            type="button"
            onClick={() => onChange('')}
            className="rounded border border-danger px-2 text-sm text-danger"
          >
            画像を外す
          </button>
        ) : null}
      </div>
      {busy ? (
        <progress
          aria-label="画像のアップロード"
          className="mt-2 block w-full max-w-xs"
          max={1}
          // Sending: how much has gone; processing: no value, an indeterminate bar.
          value={state.phase === 'sending' ? state.sent : undefined}
        />
      ) : null}
      <p id={statusId} aria-live="polite" className={`text-sm ${state.error ? 'text-danger' : 'text-muted'}`}>
        {state.phase === 'sending'
          ? `送信中… ${Math.round(state.sent * 100)}%`
          : state.phase === 'processing'
            ? '画像を変換しています（サイズと形式ごとに作ります。数秒かかります）…'
            : (state.error ?? (value ? `画像 ${value} を使います` : ''))}
      </p>
    </div>
  );
}
