'use client';

import { useState } from 'react';
import { routes } from '@/lib/routes/registry';
import { cropFile, imageUrl } from '@/lib/media/renditions';
import { EDITOR_REQUEST_HEADER } from '@/lib/routes/editor-requests';
import type { FieldControl } from './FormField';

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
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const upload = async (file: File, source: string) => {
    setState({ busy: true, error: null });
    try {
      // The image's kind (its field is named after this one), when chosen: the renditions record it.
      const query = source ? `?source=${encodeURIComponent(source)}` : '';
      const response = await fetch(`${routes.imageUpload.href()}${query}`, {
        method: 'POST',
        headers: { [EDITOR_REQUEST_HEADER]: '1', 'Content-Type': file.type || 'application/octet-stream' },
        body: file,
      });
      const body = (await response.json().catch(() => ({}))) as { id?: number; error?: string };
      if (!response.ok || !body.id) {
        setState({ busy: false, error: body.error ?? `アップロードできませんでした（${response.status}）` });
        return;
      }
      onChange(String(body.id));
      setState({ busy: false, error: null });
    } catch {
      setState({ busy: false, error: 'アップロードできませんでした。接続を確かめてください' });
    }
  };
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
          disabled={state.busy}
          onChange={(event) => {
            const file = event.target.files?.[0];
            const kind = event.target.form?.elements.namedItem(`${name}Source`);
            if (file) void upload(file, kind instanceof HTMLSelectElement ? kind.value : '');
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
      <p id={statusId} aria-live="polite" className={`text-sm ${state.error ? 'text-danger' : 'text-muted'}`}>
        {state.busy ? 'アップロード中…' : (state.error ?? (value ? `画像 ${value} を使います` : ''))}
      </p>
    </div>
  );
}
