import { useState } from 'react';
import { useSession } from '../auth/session';

/** The file name the server gave (Content-Disposition), else a fallback. */
function fileNameOf(res: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  URL.revokeObjectURL(url);
}

/**
 * "Download CSV" and "Download PDF" for a view: the server builds the files (README "Exports").
 * A plain link cannot send the session's Bearer token, so the file is fetched with it and handed
 * to the browser as a Blob. `query` carries the view's filters (`?team=A&cycle=Q1`).
 */
export function ExportButtons({ csvPath, query }: { csvPath: string; query: string }) {
  const { session } = useSession();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function download(path: string, fallback: string) {
    setBusy(path);
    setError(null);
    try {
      const res = await fetch(`${path}${query}`, {
        headers: session ? { authorization: `Bearer ${session.token}` } : {},
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { message?: string } | null;
        throw new Error(body?.message ?? `the server answered ${res.status}`);
      }
      saveBlob(await res.blob(), fileNameOf(res, fallback));
    } catch (e) {
      setError(`Download failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  }

  return (
    <span className="export-buttons">
      <button
        type="button"
        disabled={busy !== null}
        onClick={() => void download(csvPath, 'export.csv')}
      >
        Download CSV
      </button>{' '}
      <button
        type="button"
        disabled={busy !== null}
        onClick={() => void download('/exports/summary.pdf', 'summary.pdf')}
      >
        Download PDF
      </button>
      {error && <span role="alert"> {error}</span>}
    </span>
  );
}
