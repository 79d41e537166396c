"use client";

import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type RowSelectionState,
  type VisibilityState,
} from "@tanstack/react-table";
import { useEffect, useState } from "react";
import type { SortDirection } from "@/lib/table/search-params";

declare module "@tanstack/react-table" {
  /** The name the column chooser shows. */
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the generics must match TanStack's declaration
  interface ColumnMeta<TData, TValue> {
    label: string;
  }
}

// A generic table that renders what it is given: the server filters, sorts and pages (manual
// mode). It owns only view state: which columns show (remembered per table in localStorage),
// which row is active for the keyboard, and which rows are selected.

export interface DataTableProps<T> {
  caption: string;
  columns: ColumnDef<T, unknown>[];
  data: T[];
  getRowId: (row: T) => string;
  /** localStorage key for the visible columns. */
  storageKey: string;
  rowSelection?: RowSelectionState;
  onRowSelectionChange?: (selection: RowSelectionState) => void;
  activeIndex?: number;
  onActivate?: (index: number) => void;
  empty: React.ReactNode;
  /** The column the server sorted by (its id) and the direction, for aria-sort. */
  sorted?: { id: string; dir: SortDirection };
  /** Columns hidden until the person chooses to show them. */
  defaultHidden?: string[];
  /** More controls beside the column chooser, given the ids of the columns shown, in order. */
  toolbar?: (visibleColumnIds: string[]) => React.ReactNode;
}

export function DataTable<T>({
  caption,
  columns,
  data,
  getRowId,
  storageKey,
  rowSelection = {},
  onRowSelectionChange,
  activeIndex,
  onActivate,
  empty,
  sorted,
  defaultHidden = [],
  toolbar,
}: DataTableProps<T>) {
  const [columnVisibility, setColumnVisibility] = useState<VisibilityState>(() =>
    Object.fromEntries(defaultHidden.map((id) => [id, false])),
  );

  // Read after mount: the server render cannot know what this browser remembered.
  useEffect(() => {
    try {
      const saved = window.localStorage.getItem(storageKey);
      if (saved) setColumnVisibility(JSON.parse(saved) as VisibilityState);
    } catch {
      // A corrupt entry just means default columns.
    }
  }, [storageKey]);

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table 8 returns fresh functions each render; nothing here is memoised on them
  const table = useReactTable({
    data,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    enableRowSelection: Boolean(onRowSelectionChange),
    state: { columnVisibility, rowSelection },
    onColumnVisibilityChange: (updater) => {
      setColumnVisibility((current) => {
        const next = typeof updater === "function" ? updater(current) : updater;
        window.localStorage.setItem(storageKey, JSON.stringify(next));
        return next;
      });
    },
    onRowSelectionChange: (updater) =>
      onRowSelectionChange?.(typeof updater === "function" ? updater(rowSelection) : updater),
  });

  const hideable = table.getAllLeafColumns().filter((column) => column.getCanHide());
  return (
    <div>
      <details className="relative mb-2 inline-block text-sm">
        <summary className="cursor-pointer rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50">
          Columns
        </summary>
        <fieldset className="absolute z-10 mt-1 w-56 rounded border border-slate-200 bg-white p-2 shadow">
          <legend className="sr-only">Visible columns</legend>
          {hideable.map((column) => (
            <label key={column.id} className="flex items-center gap-2 py-0.5">
              <input type="checkbox" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} />
              {String(
                column.columnDef.meta && "label" in column.columnDef.meta ? column.columnDef.meta.label : column.id,
              )}
            </label>
          ))}
        </fieldset>
      </details>
      {toolbar?.(table.getVisibleLeafColumns().map((column) => column.id))}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={
                      sorted?.id === header.column.id ? (sorted.dir === "asc" ? "ascending" : "descending") : undefined
                    }
                    className="border-b border-slate-200 bg-slate-50 px-3 py-2 font-medium whitespace-nowrap text-slate-600"
                  >
                    {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {data.length === 0 ? (
              <tr>
                <td colSpan={table.getVisibleLeafColumns().length} className="px-3 py-10 text-center text-slate-500">
                  {empty}
                </td>
              </tr>
            ) : null}
            {table.getRowModel().rows.map((row, index) => (
              <tr
                key={row.id}
                aria-selected={row.getIsSelected()}
                data-active={index === activeIndex ? "true" : undefined}
                onClick={() => onActivate?.(index)}
                className={`${index === activeIndex ? "bg-sky-50 outline outline-2 -outline-offset-2 outline-sky-400" : "hover:bg-slate-50"} ${row.getIsSelected() ? "bg-amber-50" : ""}`}
              >
                {row.getVisibleCells().map((cell) => (
                  <td
                    key={cell.id}
                    data-column={cell.column.id}
                    className="border-b border-slate-100 px-3 py-2 align-top"
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
