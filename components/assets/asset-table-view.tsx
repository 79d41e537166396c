"use client";

import type { RowSelectionState } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { assetColumns, changeRow, type AssetRowView } from "@/components/assets/asset-columns";
import { BulkBar } from "@/components/assets/bulk-bar";
import { BulkTags } from "@/components/assets/bulk-tags";
import { ExportCsvLink } from "@/components/assets/export-csv-link";
import { PreviewPanel } from "@/components/assets/preview-panel";
import { ThumbnailRequest } from "@/components/assets/thumbnail-request";
import { ReprobeRequest } from "@/components/assets/reprobe-request";
import { QcRequest } from "@/components/qc/qc-request";
import { DataTable } from "@/components/data-table/data-table";
import { assetListSearch, type AssetListQuery } from "@/lib/assets/list-params";
import { fileName } from "@/lib/format";
import type { SelectionInput } from "@/lib/assets/selection";
import type { BulkTransition } from "@/lib/assets/transitions";

const KEYS: Array<[string, string]> = [
  ["j / k", "next / previous row"],
  ["Enter", "open the active row"],
  ["Space", "preview the active row beside the table (j / k follow)"],
  ["Esc", "close the preview"],
  ["x", "select or unselect the active row"],
  ["a", "approve the active row (editors)"],
  ["/", "search"],
  ["?", "show these keys"],
];

/** Keys act on the table unless the person is typing in a field. */
function typing(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}

export function AssetTableView({
  rows,
  query,
  matching,
  matchingEstimated,
  bulk,
  canReprobe,
  qcBulk,
  canTag,
}: {
  rows: AssetRowView[];
  query: AssetListQuery;
  matching: number;
  matchingEstimated: boolean;
  bulk: BulkTransition[];
  canReprobe: boolean;
  /** Whether this role may run QC in bulk. */
  qcBulk: boolean;
  /** Whether this role may tag in bulk (each asset is then judged by the metadata rule). */
  canTag: boolean;
}) {
  const router = useRouter();
  const [selection, setSelection] = useState<RowSelectionState>({});
  // "All matching" means the selection is the filter itself, evaluated by the server.
  const [allMatching, setAllMatching] = useState(false);
  const [active, setActive] = useState(0);
  const [previewing, setPreviewing] = useState(false);
  const help = useRef<HTMLDialogElement>(null);
  // The shortcuts hint appears once the keys actually work (after the script has loaded).
  const [keysReady, setKeysReady] = useState(false);

  const selectedCount = Object.values(selection).filter(Boolean).length;
  const [notice, setNotice] = useState<string | null>(null);
  // What a bulk action receives: the filter itself when "all matching" is chosen, else the uuids.
  const bulkSelection: SelectionInput | null = allMatching
    ? { kind: "filter", query: assetListSearch(query) }
    : selectedCount > 0
      ? { kind: "uuids", uuids: Object.keys(selection).filter((uuid) => selection[uuid]) }
      : null;
  const pageSelected = rows.length > 0 && rows.every((row) => selection[row.uuid]);
  const columns = useMemo(
    () =>
      assetColumns(
        query,
        {
          pageSelected,
          somePageSelected: selectedCount > 0,
          togglePage: () => {
            setAllMatching(false);
            setSelection(pageSelected ? {} : Object.fromEntries(rows.map((row) => [row.uuid, true])));
          },
        },
        {
          allowed: bulk.includes("approve"),
          onDone: (message) => {
            setNotice(message);
            router.refresh();
          },
        },
      ),
    [query, rows, pageSelected, selectedCount, bulk, router],
  );

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.metaKey || event.ctrlKey || event.altKey || typing(event.target)) return;
      const row = rows[active];
      if (event.key === "j") setActive((index) => Math.min(index + 1, rows.length - 1));
      else if (event.key === "k") setActive((index) => Math.max(index - 1, 0));
      else if (event.key === "Enter" && row) router.push(`/assets/${row.uuid}`);
      else if (event.key === " " && row) setPreviewing((open) => !open);
      else if (event.key === "Escape" && previewing) setPreviewing(false);
      else if (event.key === "x" && row) {
        setAllMatching(false);
        setSelection((current) => ({ ...current, [row.uuid]: !current[row.uuid] }));
      } else if (event.key === "a" && row && bulk.includes("approve")) {
        void changeRow(row, "approve").then((message) => {
          setNotice(message);
          router.refresh();
        });
      } else if (event.key === "/") document.getElementById("asset-search")?.focus();
      else if (event.key === "?") help.current?.showModal();
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the keys work from this moment on
    setKeysReady(true);
    return () => window.removeEventListener("keydown", onKey);
  }, [rows, active, router, bulk, previewing]);

  useEffect(() => {
    document.querySelector('tr[data-active="true"]')?.scrollIntoView({ block: "nearest" });
  }, [active]);

  const matchingText = `${matchingEstimated ? "about " : ""}${matching.toLocaleString("en")}`;
  return (
    <>
      {notice ? (
        <p role="status" aria-label="Last action" className="mb-2 text-sm text-slate-700">
          {notice}
        </p>
      ) : null}
      {selectedCount > 0 || allMatching ? (
        <div
          role="region"
          aria-label="Selection"
          className="mb-2 flex flex-wrap items-center gap-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm"
        >
          <BulkBar selection={bulkSelection} transitions={bulk} />
          {canTag ? <BulkTags selection={bulkSelection} /> : null}
          <ThumbnailRequest selection={bulkSelection} />
          {canReprobe ? <ReprobeRequest selection={bulkSelection} /> : null}
          {qcBulk ? <QcRequest selection={bulkSelection} /> : null}
          <span>
            {allMatching
              ? `All ${matchingText} assets matching this filter are selected.`
              : `${selectedCount} selected on this page.`}
          </span>
          {!allMatching && pageSelected && matching > rows.length ? (
            <button type="button" className="font-medium text-sky-800 underline" onClick={() => setAllMatching(true)}>
              Select all {matchingText} assets matching this filter
            </button>
          ) : null}
          <button
            type="button"
            className="text-slate-700 underline"
            onClick={() => {
              setAllMatching(false);
              setSelection({});
            }}
          >
            Clear selection
          </button>
        </div>
      ) : null}
      <DataTable
        caption="Assets"
        columns={columns}
        data={rows}
        getRowId={(row) => row.uuid}
        storageKey="asset-desk:columns:assets"
        defaultHidden={["hash", "episode", "providers", "streams"]}
        rowSelection={selection}
        onRowSelectionChange={(next) => {
          setAllMatching(false);
          setSelection(next);
        }}
        activeIndex={active}
        onActivate={setActive}
        sorted={{ id: query.sort, dir: query.dir }}
        empty="No assets match these filters."
        toolbar={(visible) => <ExportCsvLink query={query} columns={visible} />}
      />
      {previewing && rows[active] ? (
        <PreviewPanel uuid={rows[active].uuid} name={fileName(rows[active].uri)} onClose={() => setPreviewing(false)} />
      ) : null}
      {keysReady ? (
        <p className="mt-2 text-xs text-slate-500">
          Press <kbd className="rounded border px-1">?</kbd> for keyboard shortcuts.
        </p>
      ) : null}
      <dialog ref={help} aria-label="Keyboard shortcuts" className="rounded-lg p-0 backdrop:bg-slate-900/40">
        <div className="p-4">
          <h2 className="mb-2 font-semibold">Keyboard shortcuts</h2>
          <dl className="grid grid-cols-[6rem_1fr] gap-1 text-sm">
            {KEYS.map(([key, text]) => (
              <div key={key} className="contents">
                <dt>
                  <kbd className="rounded border px-1">{key}</kbd>
                </dt>
                <dd>{text}</dd>
              </div>
            ))}
          </dl>
          <form method="dialog" className="mt-3 text-right">
            <button className="rounded border border-slate-300 px-3 py-1 text-sm">Close</button>
          </form>
        </div>
      </dialog>
    </>
  );
}
