"use client";

import { useState } from "react";
import { BulkDialog, useBulkDialog } from "@/components/workflow/bulk-dialog";
import type { SelectionInput } from "@/lib/assets/selection";

type TrashTransition = "restore" | "purge";

const WORDS = {
  restore: { title: "Restore from the trash", verb: "restored", done: "Restored", confirm: "Confirm restore" },
  purge: { title: "Purge for good", verb: "purged for good", done: "Purged", confirm: "Confirm purge" },
} as const;

/**
 * Restores or purges everything matching the filter, or the rows selected on the page: the
 * pre-flight count (same rules as the change), a confirmation (a purge with its reason), then what
 * changed and what was skipped and why. Stays mounted while the rows leave the table, so the result
 * stays too.
 */
export function TrashBulkActions({
  filterQuery,
  matching,
  selected,
  onDone,
}: {
  filterQuery: string;
  matching: number;
  selected: string[];
  onDone: () => void;
}) {
  const bulk = useBulkDialog(onDone);
  const [chosen, setChosen] = useState<TrashTransition>("restore");
  const [reason, setReason] = useState("");
  const words = WORDS[chosen];
  const open = (transition: TrashTransition, selection: SelectionInput) => {
    setChosen(transition);
    setReason("");
    bulk.open(transition, selection);
  };

  const button = "rounded bg-slate-900 px-2 py-1 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50";
  const danger = "rounded bg-red-700 px-2 py-1 text-sm font-medium text-white hover:bg-red-600 disabled:opacity-50";
  return (
    <>
      <button
        type="button"
        disabled={matching === 0}
        onClick={() => open("restore", { kind: "filter", query: filterQuery })}
        className={button}
      >
        Restore all matching…
      </button>
      {selected.length > 0 ? (
        <button type="button" onClick={() => open("restore", { kind: "uuids", uuids: selected })} className={button}>
          Restore {selected.length} selected…
        </button>
      ) : null}
      <button
        type="button"
        disabled={matching === 0}
        onClick={() => open("purge", { kind: "filter", query: filterQuery })}
        className={danger}
      >
        Purge all matching…
      </button>
      {selected.length > 0 ? (
        <button type="button" onClick={() => open("purge", { kind: "uuids", uuids: selected })} className={danger}>
          Purge {selected.length} selected…
        </button>
      ) : null}
      <BulkDialog
        bulk={bulk}
        label={words.title}
        title={words.title}
        checking={`Counting what this would ${chosen}…`}
        summary={(preflight) => (
          <>
            <strong>{preflight.willChange.toLocaleString("en")}</strong> of {preflight.total.toLocaleString("en")}{" "}
            selected will be {words.verb}.
            {preflight.alreadyDone ? ` ${preflight.alreadyDone.toLocaleString("en")} are not deleted any more.` : ""}
            {chosen === "purge"
              ? " Nothing undoes a purge: the rows go, their audit history and a tombstone of each stay."
              : ""}
          </>
        )}
        fields={
          chosen === "purge" ? (
            <label className="block">
              Reason (optional)
              <input
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                maxLength={500}
                className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
              />
            </label>
          ) : null
        }
        confirm={words.confirm}
        onConfirm={() => bulk.run(chosen === "purge" ? { reason } : {})}
        result={(report) => (
          <>
            {words.done} <strong>{report.changed.toLocaleString("en")}</strong>.
            {report.alreadyDone ? ` ${report.alreadyDone.toLocaleString("en")} skipped: not deleted any more.` : ""}
          </>
        )}
      />
    </>
  );
}
