"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useState, useTransition } from "react";
import { undoBatchAction } from "@/app/(desk)/assets/actions";
import { editCatalogEntryAction, previewReplaceSourceAction, replaceSourceAction } from "@/app/(desk)/catalog/actions";
import { FieldError, FormStatus } from "@/components/ui/form-status";
import { formatDuration } from "@/lib/format";

const button = "rounded bg-slate-900 px-3 py-1 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60";
const secondary = "rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-60";
const input = "w-full rounded border border-slate-300 px-2 py-1 text-sm";

/** An entry's source file, as the pre-flight and the candidates list show it (plain data from the server). */
export interface SourceFileView {
  assetUuid: string | null;
  filePath: string;
  durationMs: number;
  sha256: string | null;
}

export function CatalogEditForm({
  uuid,
  fields,
}: {
  uuid: string;
  fields: { title: string; tags: string[]; version: number };
}) {
  const [state, action, pending] = useActionState(editCatalogEntryAction, null);
  const version = state?.ok ? state.version : fields.version;
  const saved = state?.ok ? (state.changed.length ? `Saved (${state.changed.join(", ")}).` : "Nothing changed.") : "";
  return (
    <form action={action} className="grid gap-2" aria-label="Edit catalog entry">
      <input type="hidden" name="uuid" value={uuid} />
      <input type="hidden" name="version" value={version} />
      <label className="text-xs">
        Title
        <input key={`title-${fields.version}`} name="title" defaultValue={fields.title} required className={input} />
        <FieldError state={state} name="title" />
      </label>
      <label className="text-xs">
        Tags (comma-separated)
        <input key={`tags-${fields.version}`} name="tags" defaultValue={fields.tags.join(", ")} className={input} />
        <FieldError state={state} name="tags" />
      </label>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={button}>
          Save entry
        </button>
        <FormStatus state={state} success={saved} />
      </div>
    </form>
  );
}

function SourceFacts({ label, file }: { label: string; file: SourceFileView }) {
  return (
    <div className="rounded border border-slate-200 p-2">
      <h3 className="text-xs font-semibold text-slate-600">{label}</h3>
      <dl className="mt-1 space-y-0.5 text-xs">
        <div>
          <dt className="inline text-slate-600">Asset: </dt>
          <dd className="inline font-mono">
            {file.assetUuid ? (
              <Link href={`/assets/${file.assetUuid}`} className="text-sky-800 hover:underline">
                {file.assetUuid}
              </Link>
            ) : (
              "removed"
            )}
          </dd>
        </div>
        <div>
          <dt className="inline text-slate-600">File: </dt>
          <dd className="inline break-all font-mono">{file.filePath}</dd>
        </div>
        <div>
          <dt className="inline text-slate-600">Duration: </dt>
          <dd className="inline">{formatDuration(file.durationMs)}</dd>
        </div>
        <div>
          <dt className="inline text-slate-600">SHA-256: </dt>
          <dd className="inline break-all font-mono">{file.sha256 ?? "not hashed"}</dd>
        </div>
      </dl>
    </div>
  );
}

type Preflight = {
  current: SourceFileView;
  next: SourceFileView;
  refusal: string | null;
  entry: { version: number };
};

/**
 * "Replace source": an asset by uuid (or its pasted address), a pre-flight with the old and the new
 * file side by side, then a confirmation. Refusals come from the server in an editor's words.
 */
export function ReplaceSourceForm({ uuid, candidates }: { uuid: string; candidates: SourceFileView[] }) {
  const router = useRouter();
  const [asset, setAsset] = useState("");
  const [preflight, setPreflight] = useState<Preflight | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ message: string; batchUuid: string | null } | null>(null);
  const [pending, startTransition] = useTransition();

  function check(reference: string) {
    setAsset(reference);
    setPreflight(null);
    setDone(null);
    setError(null);
    startTransition(async () => {
      const result = await previewReplaceSourceAction({ uuid, asset: reference });
      if (result.ok) setPreflight(result.preflight);
      else setError(result.fieldErrors?.asset?.join(" ") ?? result.message);
    });
  }

  function confirm() {
    if (!preflight) return;
    startTransition(async () => {
      const result = await replaceSourceAction({ uuid, asset, version: preflight.entry.version });
      if (result.ok) {
        setPreflight(null);
        setAsset("");
        setDone({
          message: `Source replaced: the entry now plays ${result.result.current.filePath}.`,
          batchUuid: result.result.batchUuid,
        });
        router.refresh();
      } else setError(result.fieldErrors?.asset?.join(" ") ?? result.message);
    });
  }

  function undo(batchUuid: string) {
    const form = new FormData();
    form.set("batchUuid", batchUuid);
    setError(null);
    startTransition(async () => {
      const result = await undoBatchAction(null, form);
      if (result.ok) {
        setDone({ message: "Undone: the earlier asset is the source again.", batchUuid: null });
        router.refresh();
      } else setError(result.message);
    });
  }

  return (
    <div className="space-y-3">
      <form
        aria-label="Replace source"
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          check(asset);
        }}
      >
        <label className="min-w-64 grow text-xs">
          New source asset (uuid or /assets/… address)
          <input
            name="asset"
            value={asset}
            onChange={(event) => setAsset(event.target.value)}
            required
            className={`${input} font-mono`}
          />
        </label>
        <button type="submit" disabled={pending} className={secondary}>
          Check
        </button>
      </form>
      {candidates.length ? (
        <div className="text-xs">
          <p className="text-slate-600">Approved copies of the same episode:</p>
          <ul className="mt-1 space-y-1">
            {candidates.map((candidate) => (
              <li key={candidate.assetUuid}>
                <button
                  type="button"
                  onClick={() => check(candidate.assetUuid!)}
                  className="break-all text-left font-mono text-sky-800 hover:underline"
                >
                  {candidate.filePath}
                </button>{" "}
                <span className="text-slate-500">{formatDuration(candidate.durationMs)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {preflight ? (
        <div role="status" aria-label="Replace source pre-flight" className="space-y-2">
          <div className="grid gap-2 sm:grid-cols-2">
            <SourceFacts label="Now" file={preflight.current} />
            <SourceFacts label="After" file={preflight.next} />
          </div>
          {preflight.refusal ? (
            <p role="alert" className="text-xs text-red-700">
              {preflight.refusal}
            </p>
          ) : (
            <button type="button" onClick={confirm} disabled={pending} className={button}>
              Confirm replace
            </button>
          )}
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
      {done ? (
        <div className="flex items-center gap-2">
          <p role="status" aria-label="Replace source result" className="text-xs text-emerald-700">
            {done.message}
          </p>
          {done.batchUuid ? (
            <button type="button" onClick={() => undo(done.batchUuid!)} disabled={pending} className={secondary}>
              Undo
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
