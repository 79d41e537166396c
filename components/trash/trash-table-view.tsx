"use client";

import type { ColumnDef, RowSelectionState } from "@tanstack/react-table";
import Link from "next/link";
import { useState } from "react";
import { selectColumn } from "@/components/data-table/select-column";
import { DataTable } from "@/components/data-table/data-table";
import { sortHeader } from "@/components/data-table/sort-header";
import { TrashBulkActions } from "@/components/trash/trash-bulk-actions";
import { RestoreButton } from "@/components/trash/restore-button";
import { trashListHref, type TrashListQuery } from "@/lib/assets/trash-params";
import { fileName, formatDateTime } from "@/lib/format";

/** One trash row as the browser receives it (dates as ISO strings). */
export interface TrashRowView {
  uuid: string;
  uri: string;
  deletedAt: string | null;
  deletedByEmail: string | null;
  deleteReason: string | null;
}

/**
 * The trash table: restore one row, the selected rows, or everything matching the filter (sent as
 * the asset filter's query string, so the server evaluates the very WHERE this table shows).
 */
export function TrashTableView({
  rows,
  query,
  matching,
  selectionQuery,
}: {
  rows: TrashRowView[];
  query: TrashListQuery;
  matching: { count: number; estimated: boolean };
  selectionQuery: string;
}) {
  const [selection, setSelection] = useState<RowSelectionState>({});
  // Rows restored meanwhile leave the page, and so the selection.
  const selected = rows.filter((row) => selection[row.uuid]).map((row) => row.uuid);
  const pageSelected = rows.length > 0 && rows.every((row) => selection[row.uuid]);
  const matchingText = `${matching.estimated ? "about " : ""}${matching.count.toLocaleString("en")}`;
  const clear = () => setSelection({});

  const columns: ColumnDef<TrashRowView, unknown>[] = [
    selectColumn<TrashRowView>({
      pageSelected,
      somePageSelected: selected.length > 0,
      togglePage: () => setSelection(pageSelected ? {} : Object.fromEntries(rows.map((row) => [row.uuid, true]))),
      rowLabel: (row) => fileName(row.uri),
    }),
    {
      id: "file",
      enableHiding: false,
      meta: { label: "File" },
      header: sortHeader(query, trashListHref, "file", "File", "asc"),
      cell: ({ row }) => (
        <div className="max-w-xl">
          <Link href={`/assets/${row.original.uuid}`} className="font-medium text-sky-800 hover:underline">
            {fileName(row.original.uri)}
          </Link>
          <div className="text-xs break-all text-slate-500">{row.original.uri}</div>
        </div>
      ),
    },
    {
      id: "deleted",
      meta: { label: "Deleted" },
      header: sortHeader(query, trashListHref, "deleted", "Deleted", "desc"),
      cell: ({ row }) => (
        <span className="whitespace-nowrap">
          {formatDateTime(row.original.deletedAt ? new Date(row.original.deletedAt) : null)}
        </span>
      ),
    },
    {
      id: "by",
      meta: { label: "By" },
      header: "By",
      cell: ({ row }) =>
        row.original.deletedByEmail ? (
          <Link
            href={trashListHref(query, { deleted_by: row.original.deletedByEmail })}
            className="hover:underline"
            title="Show what this person deleted"
          >
            {row.original.deletedByEmail}
          </Link>
        ) : (
          "—"
        ),
    },
    { id: "reason", meta: { label: "Reason" }, header: "Reason", cell: ({ row }) => row.original.deleteReason ?? "—" },
    {
      id: "restore",
      enableHiding: false,
      meta: { label: "Restore" },
      header: () => <span className="sr-only">Restore</span>,
      cell: ({ row }) => <RestoreButton uuid={row.original.uuid} name={fileName(row.original.uri)} />,
    },
  ];

  return (
    <>
      <div
        role="region"
        aria-label="Bulk actions"
        className="mb-2 flex flex-wrap items-center gap-3 rounded border border-slate-200 bg-white px-3 py-2 text-sm"
      >
        <span>{matchingText} deleted assets match this filter.</span>
        <TrashBulkActions filterQuery={selectionQuery} matching={matching.count} selected={selected} onDone={clear} />
        {selected.length > 0 ? (
          <>
            <span>{selected.length} selected on this page.</span>
            <button type="button" className="text-slate-700 underline" onClick={clear}>
              Clear selection
            </button>
          </>
        ) : null}
      </div>
      <DataTable
        caption="Deleted assets"
        columns={columns}
        data={rows}
        getRowId={(row) => row.uuid}
        storageKey="asset-desk:columns:trash"
        rowSelection={selection}
        onRowSelectionChange={setSelection}
        sorted={{ id: query.sort, dir: query.dir }}
        empty="Nothing in the trash matches."
      />
    </>
  );
}
