/**
 * Supporting files of a record (issue 15, item 5): the list (name, type, size, SHA-256, who uploaded, when)
 * with a download for each, and an upload form for the roles that may attach (checked again by the server:
 * at most 5 MiB, PDF, PNG, JPEG, text or CSV, recognised by content).
 */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, loadSession, post } from '../api';
import { ErrorBox, useLoad } from './ui';

interface FileInfo {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
}

const KIND_OF: Record<string, string> = {
  '/transactions': 'transaction',
  '/counterparties': 'counterparty',
  '/holds': 'hold',
  '/eus-requests': 'eus_request',
  '/license-applications': 'license_application',
  '/licenses': 'license',
  '/veu-applications': 'veu_application',
  '/veu-entries': 'veu_entry',
};
const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  txt: 'text/plain',
  csv: 'text/csv',
};
export const MAX_BYTES = 5 * 1024 * 1024;
const READ_ONLY = new Set(['auditor', 'htwg_member']);

/** The media type the server expects for a file name, or null when the type is not accepted. */
export function mediaTypeOf(fileName: string): string | null {
  return TYPES[/\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? ''] ?? null;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function Attachments({ collection, recordId }: { collection: string; recordId: string }) {
  const { t, i18n } = useTranslation();
  const kind = KIND_OF[collection];
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const q = `recordKind=${kind}&recordId=${encodeURIComponent(recordId)}`;
  const files = useLoad(() => (kind ? get<FileInfo[]>(`/attachments?${q}`) : Promise.resolve([])), [q]);
  if (!kind) return null;
  const role = loadSession()?.user.role ?? '';
  const upload = async () => {
    const file = input.current?.files?.[0];
    setError(null);
    setDone('');
    if (!file) return setError(new Error(t('attach.choose')));
    const mediaType = mediaTypeOf(file.name);
    if (!mediaType) return setError(new Error(t('attach.badType')));
    if (file.size > MAX_BYTES) return setError(new Error(t('attach.tooLarge')));
    setBusy(true);
    try {
      const contentBase64 = toBase64(new Uint8Array(await file.arrayBuffer()));
      const r = await post<FileInfo>('/attachments', {
        recordKind: kind,
        recordId,
        fileName: file.name,
        mediaType,
        contentBase64,
      });
      setDone(t('attach.done', { name: r.fileName }));
      if (input.current) input.current.value = '';
      await files.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const download = async (f: FileInfo) => {
    try {
      const full = await get<FileInfo & { contentBase64: string }>(
        `/attachments/${encodeURIComponent(f.id)}`,
      );
      const bytes = Uint8Array.from(atob(full.contentBase64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: f.mediaType }));
      const a = document.createElement('a');
      a.href = url;
      a.download = f.fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
    } catch (e) {
      setError(e);
    }
  };
  const list = files.data ?? [];
  return (
    <div className="attachments" data-testid="attachments">
      <h3 className="sub">{t('attach.title', { count: list.length })}</h3>
      {list.length ? (
        <ul>
          {list.map((f) => (
            <li key={f.id}>
              <button type="button" className="link" onClick={() => void download(f)}>
                {f.fileName}
              </button>{' '}
              <span className="muted small">
                {(f.size / 1024).toLocaleString(i18n.language, { maximumFractionDigits: 1 })} KB ·{' '}
                {t('attach.by', { name: f.uploadedBy, on: f.uploadedAt.slice(0, 10) })} · SHA-256{' '}
                <code title={f.sha256}>{f.sha256.slice(0, 12)}…</code>
              </span>
            </li>
          ))}
        </ul>
      ) : files.data ? (
        <p className="muted small">{t('attach.none')}</p>
      ) : null}
      {READ_ONLY.has(role) ? null : (
        <div className="row">
          <div className="field">
            <label htmlFor={inputId}>{t('attach.file')}</label>
            <input
              id={inputId}
              ref={input}
              type="file"
              accept=".pdf,.png,.jpg,.jpeg,.txt,.csv"
              aria-describedby={`${inputId}-hint`}
              data-testid="attach-file"
            />
            <span id={`${inputId}-hint`} className="hint small">
              {t('attach.hint')}
            </span>
          </div>
          <button type="button" onClick={() => void upload()} disabled={busy} data-testid="attach-upload">
            {t('attach.upload')}
          </button>
        </div>
      )}
      <p role="status" className="ok-text">
        {done}
      </p>
      <ErrorBox error={error ?? files.error} />
    </div>
  );
}
