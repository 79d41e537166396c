"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { bulkTagsAction } from "@/app/(desk)/assets/editorial/actions";
import { SkippedReasons } from "@/components/workflow/skipped-reasons";
import type { BulkTagReport } from "@/lib/assets/metadata";
import type { SelectionInput } from "@/lib/assets/selection";

type Mode = "add" | "remove";
const WORDS: Record<Mode, { button: string; title: string; confirm: string; done: string }> = {
  add: { button: "Add tags…", title: "Add tags to the selection", confirm: "Add tags", done: "tagged" },
  remove: { button: "Remove tags…", title: "Remove tags from the selection", confirm: "Remove tags", done: "untagged" },
};

/**
 * "Add tags" and "Remove tags" for the selection (picked rows, or every asset of the filter): the
 * tags typed once, the change made by the server in batches, and what it did — changed, already so,
 * and skipped with the reason (deleted; approved, for operators; too many tags).
 */
export function BulkTags({ selection }: { selection: SelectionInput | null }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [mode, setMode] = useState<Mode>("add");
  const [tags, setTags] = useState("");
  const [report, setReport] = useState<BulkTagReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function open(chosen: Mode) {
    setMode(chosen);
    setTags("");
    setReport(null);
    setError(null);
    dialog.current?.showModal();
  }

  function confirm() {
    if (!selection) return;
    startTransition(async () => {
      const result = await bulkTagsAction({
        selection,
        add: mode === "add" ? tags : "",
        remove: mode === "remove" ? tags : "",
      });
      if (!result.ok) {
        setError([result.message, ...Object.values(result.fieldErrors ?? {}).flat()].join(" "));
        return;
      }
      setError(null);
      setReport(result.report);
      router.refresh();
    });
  }

  const words = WORDS[mode];
  return (
    <>
      {(["add", "remove"] as const).map((choice) => (
        <button
          key={choice}
          type="button"
          disabled={!selection}
          onClick={() => open(choice)}
          className="rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-50 disabled:opacity-50"
        >
          {WORDS[choice].button}
        </button>
      ))}
      <dialog
        ref={dialog}
        aria-label={words.title}
        className="w-[32rem] max-w-full rounded-lg p-0 backdrop:bg-slate-900/40"
      >
        <div className="space-y-3 p-4 text-sm">
          <h2 className="text-base font-semibold">{words.title}</h2>
          {error ? (
            <p role="alert" className="rounded bg-red-50 px-3 py-2 text-red-800">
              {error}
            </p>
          ) : null}
          {report ? (
            <div role="status" aria-label="Result">
              <p>
                Done: <strong>{report.changed.toLocaleString("en")}</strong> of {report.matched.toLocaleString("en")}{" "}
                {words.done}.{report.unchanged ? ` ${report.unchanged.toLocaleString("en")} already as asked.` : ""}
              </p>
              <SkippedReasons skipped={report.skipped} />
            </div>
          ) : (
            <label className="block">
              Tags (comma-separated)
              <input
                value={tags}
                onChange={(event) => setTags(event.target.value)}
                placeholder="e.g. news, season finale"
                className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
              />
            </label>
          )}
          <div className="flex justify-end gap-2 pt-2">
            {report ? null : (
              <button
                type="button"
                disabled={pending || tags.trim() === ""}
                onClick={confirm}
                className="rounded bg-slate-900 px-3 py-1 text-white disabled:opacity-50"
              >
                {words.confirm}
              </button>
            )}
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded border border-slate-300 px-3 py-1"
            >
              Close
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
