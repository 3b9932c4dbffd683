/**
 * The printable documents of a record (issue 15, item 5): the End-User Statement (or its request), the license,
 * a transaction's case file. "Print" opens the server's HTML page — with its print stylesheet — in a new tab to
 * print or save; "PDF" downloads the server's PDF. Both are fetched with the session's token (a plain link
 * would carry none).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiBlob } from '../api';
import { ErrorBox } from './ui';

/** The document route of a record of this collection, if it has one. */
export function documentPath(collection: string, id: string): string | null {
  const at = encodeURIComponent(id);
  if (collection === '/eus-requests') return `/eus-requests/${at}/document`;
  if (collection === '/licenses') return `/licenses/${at}/document`;
  if (collection === '/transactions') return `/transactions/${at}/case-file`;
  return null;
}

function saveAs(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function Documents({ collection, record }: { collection: string; record: { id: string } }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'html' | 'pdf' | null>(null);
  const path = documentPath(collection, record.id);
  if (!path) return null;
  const print = async () => {
    // the tab is opened in the click, so that no pop-up blocker stops it, and filled when the page is in
    const tab = window.open('', '_blank');
    setBusy('html');
    setError(null);
    try {
      const { blob } = await apiBlob(`${path}?format=html`);
      const url = URL.createObjectURL(new Blob([blob], { type: 'text/html' }));
      if (tab) tab.location.href = url;
      else window.location.assign(url);
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      tab?.close();
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const pdf = async () => {
    setBusy('pdf');
    setError(null);
    try {
      const { blob, fileName } = await apiBlob(`${path}?format=pdf`);
      saveAs(blob, fileName ?? `${record.id}.pdf`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="documents" data-testid="documents">
      <h3 className="sub">{t('docs.title')}</h3>
      <button type="button" onClick={() => void print()} disabled={busy !== null} data-testid="doc-print">
        {t('docs.print')}
        <span className="sr-only"> {record.id}</span>
      </button>{' '}
      <button type="button" onClick={() => void pdf()} disabled={busy !== null} data-testid="doc-pdf">
        {t('docs.pdf')}
        <span className="sr-only"> {record.id}</span>
      </button>
      {busy ? (
        <span role="status" className="muted small">
          {' '}
          {t('common.loading')}
        </span>
      ) : null}
      <ErrorBox error={error} />
    </div>
  );
}
