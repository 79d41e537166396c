"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { MediaPreview, type PreviewInfo } from "@/components/assets/media-preview";

// The quick preview beside the asset table (Space on a row): the active row's player, following
// the row as j/k move, without leaving the table. It asks the preview route how the asset plays.

type Loaded = { uuid: string; preview: PreviewInfo } | { uuid: string; error: string };

export function PreviewPanel({ uuid, name, onClose }: { uuid: string; name: string; onClose: () => void }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    fetch(`/api/v1/assets/${uuid}/preview`, { signal: abort.signal, headers: { Accept: "application/json" } })
      .then(async (response) => {
        const body = (await response.json()) as PreviewInfo & { detail?: string };
        setLoaded(response.ok ? { uuid, preview: body } : { uuid, error: body.detail ?? `HTTP ${response.status}` });
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setLoaded({ uuid, error: error instanceof Error ? error.message : String(error) });
      });
    return () => abort.abort();
  }, [uuid]);

  const current = loaded?.uuid === uuid ? loaded : null;
  return (
    <aside
      aria-label="Quick preview"
      className="fixed inset-y-0 right-0 z-30 flex w-full max-w-md flex-col gap-3 overflow-y-auto border-l border-slate-200 bg-white p-4 shadow-xl"
    >
      <div className="flex items-start justify-between gap-2">
        <h2 className="font-semibold break-all">{name}</h2>
        <button type="button" onClick={onClose} className="rounded border border-slate-300 px-2 py-0.5 text-sm">
          Close
        </button>
      </div>
      {!current ? (
        <p className="text-sm text-slate-600">Loading…</p>
      ) : "error" in current ? (
        <p role="alert" className="text-sm text-red-700">
          {current.error}
        </p>
      ) : (
        <MediaPreview key={uuid} preview={current.preview} autoPlay />
      )}
      <p className="text-xs text-slate-500">
        <kbd className="rounded border px-1">j</kbd> / <kbd className="rounded border px-1">k</kbd> next / previous row
        · <kbd className="rounded border px-1">Space</kbd> or <kbd className="rounded border px-1">Esc</kbd> closes ·{" "}
        <Link href={`/assets/${uuid}`} className="text-sky-800 underline">
          Open the asset
        </Link>
      </p>
    </aside>
  );
}
