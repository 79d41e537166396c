"use client";

import type { ColumnDef } from "@tanstack/react-table";

/** The checkbox column of a selectable table: the header selects the page, each cell its row. */
export function selectColumn<T>({
  pageSelected,
  somePageSelected,
  togglePage,
  rowLabel,
}: {
  pageSelected: boolean;
  somePageSelected: boolean;
  togglePage: () => void;
  rowLabel: (row: T) => string;
}): ColumnDef<T, unknown> {
  return {
    id: "select",
    enableHiding: false,
    meta: { label: "Select" },
    header: () => (
      <input
        type="checkbox"
        aria-label="Select all rows on this page"
        checked={pageSelected}
        ref={(element) => {
          if (element) element.indeterminate = !pageSelected && somePageSelected;
        }}
        onChange={togglePage}
      />
    ),
    cell: ({ row }) => (
      <input
        type="checkbox"
        aria-label={`Select ${rowLabel(row.original)}`}
        checked={row.getIsSelected()}
        onChange={row.getToggleSelectedHandler()}
        onClick={(event) => event.stopPropagation()}
      />
    ),
  };
}
