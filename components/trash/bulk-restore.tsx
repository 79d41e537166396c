"use client";

import { BulkDialog, useBulkDialog } from "@/components/workflow/bulk-dialog";

/**
 * Restores from the trash everything matching the filter, or the rows selected on the page: the
 * pre-flight count (same rules as the change), a confirmation, then what changed and what was
 * skipped and why. Stays mounted while the restored rows leave the table, so the result stays too.
 */
export function BulkRestore({
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

  const button = "rounded bg-slate-900 px-2 py-1 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50";
  return (
    <>
      <button
        type="button"
        disabled={matching === 0}
        onClick={() => bulk.open("restore", { kind: "filter", query: filterQuery })}
        className={button}
      >
        Restore all matching…
      </button>
      {selected.length > 0 ? (
        <button
          type="button"
          onClick={() => bulk.open("restore", { kind: "uuids", uuids: selected })}
          className={button}
        >
          Restore {selected.length} selected…
        </button>
      ) : null}
      <BulkDialog
        bulk={bulk}
        label="Restore from the trash"
        title="Restore from the trash"
        checking="Counting what this would restore…"
        summary={(preflight) => (
          <>
            <strong>{preflight.willChange.toLocaleString("en")}</strong> of {preflight.total.toLocaleString("en")}{" "}
            selected will be restored.
            {preflight.alreadyDone ? ` ${preflight.alreadyDone.toLocaleString("en")} are not deleted any more.` : ""}
          </>
        )}
        confirm="Confirm restore"
        onConfirm={() => bulk.run()}
        result={(report) => (
          <>
            Restored <strong>{report.changed.toLocaleString("en")}</strong>.
            {report.alreadyDone ? ` ${report.alreadyDone.toLocaleString("en")} skipped: not deleted any more.` : ""}
          </>
        )}
      />
    </>
  );
}
