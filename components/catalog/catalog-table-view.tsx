"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { AssetThumbnail } from "@/components/assets/asset-thumbnail";
import { DataTable } from "@/components/data-table/data-table";
import { sortHeader } from "@/components/data-table/sort-header";
import { CATALOG_HEALTH_LABEL, type CatalogHealth } from "@/lib/catalog/health";
import { catalogListHref, type CatalogListQuery } from "@/lib/catalog/list-params";
import { formatDateTime, formatDuration } from "@/lib/format";

export interface CatalogRowView {
  uuid: string;
  title: string;
  durationMs: number;
  tags: string[];
  filePath: string;
  createdAt: string;
  createdByEmail: string | null;
  sourceAssetUuid: string | null;
  health: CatalogHealth | null;
}

export function CatalogTableView({ rows, query }: { rows: CatalogRowView[]; query: CatalogListQuery }) {
  const columns: ColumnDef<CatalogRowView, unknown>[] = [
    {
      id: "poster",
      meta: { label: "Poster" },
      header: () => <span className="sr-only">Poster</span>,
      cell: ({ row }) => (
        <AssetThumbnail
          uuid={row.original.sourceAssetUuid ?? ""}
          hasVideo={row.original.sourceAssetUuid !== null}
          width={64}
          height={36}
          label={`Poster of ${row.original.title}`}
        />
      ),
    },
    {
      id: "title",
      enableHiding: false,
      meta: { label: "Title" },
      header: sortHeader(query, catalogListHref, "title", "Title", "asc"),
      cell: ({ row }) => (
        <Link href={`/catalog/${row.original.uuid}`} className="font-medium text-sky-800 hover:underline">
          {row.original.title}
        </Link>
      ),
    },
    {
      id: "health",
      meta: { label: "Health" },
      header: "Health",
      cell: ({ row }) =>
        row.original.health ? (
          <span className="whitespace-nowrap rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
            {CATALOG_HEALTH_LABEL[row.original.health]}
          </span>
        ) : (
          <span className="text-xs text-slate-500">OK</span>
        ),
    },
    {
      id: "duration",
      meta: { label: "Duration" },
      header: sortHeader(query, catalogListHref, "duration", "Duration", "desc"),
      cell: ({ row }) => <span className="tabular-nums">{formatDuration(row.original.durationMs)}</span>,
    },
    {
      id: "tags",
      meta: { label: "Tags" },
      header: "Tags",
      cell: ({ row }) =>
        row.original.tags.length ? (
          <span className="flex flex-wrap gap-1">
            {row.original.tags.map((tag) => (
              <Link
                key={tag}
                href={catalogListHref(query, { tag: [tag] })}
                className="rounded bg-slate-100 px-1.5 py-0.5 text-xs hover:bg-slate-200"
              >
                {tag}
              </Link>
            ))}
          </span>
        ) : (
          "—"
        ),
    },
    {
      id: "file",
      meta: { label: "File path" },
      header: "File path",
      cell: ({ row }) => <span className="font-mono text-xs break-all">{row.original.filePath}</span>,
    },
    {
      id: "promoted",
      meta: { label: "Promoted" },
      header: sortHeader(query, catalogListHref, "promoted", "Promoted", "desc"),
      cell: ({ row }) => (
        <span className="whitespace-nowrap">
          {formatDateTime(new Date(row.original.createdAt))}
          {row.original.createdByEmail ? (
            <span className="block text-xs text-slate-500">{row.original.createdByEmail}</span>
          ) : null}
        </span>
      ),
    },
    {
      id: "source",
      meta: { label: "Source asset" },
      header: "Source asset",
      cell: ({ row }) =>
        row.original.sourceAssetUuid ? (
          <Link href={`/assets/${row.original.sourceAssetUuid}`} className="text-sky-800 hover:underline">
            Open asset
          </Link>
        ) : (
          <span className="text-slate-500">removed</span>
        ),
    },
  ];
  return (
    <DataTable
      caption="Catalog entries"
      columns={columns}
      data={rows}
      getRowId={(row) => row.uuid}
      storageKey="asset-desk:columns:catalog"
      sorted={{ id: query.sort, dir: query.dir }}
      empty="Nothing in the catalog matches."
    />
  );
}
