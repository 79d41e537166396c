"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useTransition } from "react";
import { transitionAssetAction } from "@/app/(desk)/assets/actions";
import { selectColumn } from "@/components/data-table/select-column";
import { sortHeader } from "@/components/data-table/sort-header";
import { AssetThumbnail } from "@/components/assets/asset-thumbnail";
import { StatusBadge } from "@/components/assets/status-badge";
import { QcBadge } from "@/components/qc/qc-badge";
import { CopyButton } from "@/components/ui/copy-button";
import { assetListHref, type AssetListQuery } from "@/lib/assets/list-params";
import type { AssetStatus } from "@/lib/assets/status";
import { fileName, formatBytes, formatDateTime, formatDuration } from "@/lib/format";
import { streamsSummary } from "@/lib/assets/probe-summary";
import type { ProbeColumns } from "@/lib/ingest/full-probe";
import type { QcVerdictValue } from "@/lib/qc/types";

/** One row as the browser receives it (plain JSON: sizes as numbers, dates as ISO strings). */
export interface AssetRowView {
  uuid: string;
  uri: string;
  size: number;
  durationMs: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  container: string | null;
  hashSha256: string | null;
  discoveredAt: string;
  status: AssetStatus;
  providers: string[];
  episode: string | null;
  missingSince: string | null;
  probeError: string | null;
  streams: ProbeColumns;
  qcVerdict: QcVerdictValue | null;
  loudnessLufs: number | null;
  title: string | null;
  tags: string[];
  notesCount: number;
}

const issueBadge = "inline-block rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-900";

/** What the last scan found wrong with the file, as small badges (details in the title). */
function IssueBadges({ row }: { row: AssetRowView }) {
  if (!row.missingSince && !row.probeError) return null;
  return (
    <div className="mt-0.5 flex flex-wrap gap-1">
      {row.missingSince ? (
        <span
          className={issueBadge}
          title={`Missing since ${formatDateTime(new Date(row.missingSince))}: the last scan did not find the file`}
        >
          missing
        </span>
      ) : null}
      {row.probeError ? (
        <span className={issueBadge} title={`Probe failed: ${row.probeError}`}>
          probe failed
        </span>
      ) : null}
    </div>
  );
}

/** Approves or revokes one row; resolves to the sentence the table shows. */
export async function changeRow(row: AssetRowView, transition: "approve" | "revoke"): Promise<string> {
  const form = new FormData();
  form.set("uuid", row.uuid);
  form.set("transition", transition);
  const result = await transitionAssetAction(null, form);
  if (!result.ok) return `${fileName(row.uri)}: ${result.message}`;
  if (!result.changed) return `${fileName(row.uri)}: nothing to change.`;
  return `${fileName(row.uri)}: ${transition === "approve" ? "approved" : "approval revoked"}.`;
}

/** Approve or revoke one row in place (editors); the page refreshes with the new status. */
function RowApproval({ row, onDone }: { row: AssetRowView; onDone: (message: string) => void }) {
  const [pending, startTransition] = useTransition();
  const transition = row.status === "pending" ? "approve" : row.status === "approved" ? "revoke" : null;
  if (!transition) return null;
  const label = transition === "approve" ? "Approve" : "Revoke";
  return (
    <button
      type="button"
      disabled={pending}
      aria-label={`${label} ${fileName(row.uri)}`}
      onClick={(event) => {
        event.stopPropagation();
        startTransition(async () => onDone(await changeRow(row, transition)));
      }}
      className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-50"
    >
      {label}
    </button>
  );
}

export function assetColumns(
  query: AssetListQuery,
  selectable: { pageSelected: boolean; somePageSelected: boolean; togglePage: () => void },
  approval: { allowed: boolean; onDone: (message: string) => void },
): ColumnDef<AssetRowView, unknown>[] {
  const actions: ColumnDef<AssetRowView, unknown>[] = approval.allowed
    ? [
        {
          id: "actions",
          meta: { label: "Actions" },
          header: "Actions",
          cell: ({ row }) => <RowApproval row={row.original} onDone={approval.onDone} />,
        },
      ]
    : [];
  return [
    selectColumn<AssetRowView>({ ...selectable, rowLabel: (row) => fileName(row.uri) }),
    {
      id: "thumbnail",
      meta: { label: "Thumbnail" },
      header: () => <span className="sr-only">Thumbnail</span>,
      cell: ({ row }) => (
        <AssetThumbnail
          uuid={row.original.uuid}
          hasVideo={row.original.videoCodec !== null && row.original.probeError === null}
          width={64}
          height={36}
          label={`Poster of ${fileName(row.original.uri)}`}
        />
      ),
    },
    {
      id: "uri",
      enableHiding: false,
      meta: { label: "File" },
      header: sortHeader(query, assetListHref, "uri", "File", "asc"),
      cell: ({ row }) => (
        <div className="max-w-md">
          <Link href={`/assets/${row.original.uuid}`} className="font-medium text-sky-800 hover:underline">
            {fileName(row.original.uri)}
          </Link>
          <div className="truncate text-xs text-slate-500" title={row.original.uri}>
            {row.original.uri}
          </div>
          <IssueBadges row={row.original} />
        </div>
      ),
    },
    {
      id: "title",
      meta: { label: "Title" },
      header: "Title",
      cell: ({ row }) => <span className="block max-w-xs truncate">{row.original.title ?? "—"}</span>,
    },
    {
      id: "tags",
      meta: { label: "Tags" },
      header: "Tags",
      cell: ({ row }) =>
        row.original.tags.length ? (
          <ul className="flex max-w-xs flex-wrap gap-1" aria-label={`Tags of ${fileName(row.original.uri)}`}>
            {row.original.tags.map((tag) => (
              <li key={tag}>
                <Link
                  href={assetListHref(query, { tag: [tag] })}
                  title={`Show the assets tagged ${tag}`}
                  className="inline-block rounded-full bg-sky-50 px-2 py-0.5 text-xs text-sky-900 hover:bg-sky-100"
                >
                  {tag}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          "—"
        ),
    },
    {
      id: "notes",
      meta: { label: "Notes" },
      header: "Notes",
      cell: ({ row }) =>
        row.original.notesCount ? (
          <Link
            href={`/assets/${row.original.uuid}#notes`}
            aria-label={`${row.original.notesCount} ${row.original.notesCount === 1 ? "note" : "notes"}`}
            className="tabular-nums text-sky-800 hover:underline"
          >
            {row.original.notesCount}
          </Link>
        ) : (
          <span className="text-slate-400">0</span>
        ),
    },
    {
      id: "status",
      meta: { label: "Status" },
      header: "Status",
      cell: ({ row }) => <StatusBadge status={row.original.status} />,
    },
    {
      id: "duration",
      meta: { label: "Duration" },
      header: sortHeader(query, assetListHref, "duration", "Duration", "desc"),
      cell: ({ row }) => (
        <span className="whitespace-nowrap tabular-nums">{formatDuration(row.original.durationMs)}</span>
      ),
    },
    {
      id: "size",
      meta: { label: "Size" },
      header: sortHeader(query, assetListHref, "size", "Size", "desc"),
      cell: ({ row }) => <span className="whitespace-nowrap tabular-nums">{formatBytes(row.original.size)}</span>,
    },
    {
      id: "container",
      meta: { label: "Container" },
      header: sortHeader(query, assetListHref, "container", "Container", "asc"),
      cell: ({ row }) => row.original.container ?? "—",
    },
    {
      id: "qc",
      meta: { label: "QC" },
      header: sortHeader(query, assetListHref, "loudness", "QC", "asc"),
      cell: ({ row }) => <QcBadge verdict={row.original.qcVerdict} loudnessLufs={row.original.loudnessLufs} />,
    },
    { id: "video", meta: { label: "Video codec" }, header: "Video", cell: ({ row }) => row.original.videoCodec ?? "—" },
    { id: "audio", meta: { label: "Audio codec" }, header: "Audio", cell: ({ row }) => row.original.audioCodec ?? "—" },
    {
      id: "streams",
      meta: { label: "Streams" },
      header: "Streams",
      cell: ({ row }) => <span className="whitespace-nowrap">{streamsSummary(row.original.streams) ?? "—"}</span>,
    },
    {
      id: "providers",
      meta: { label: "Providers" },
      header: "Providers",
      cell: ({ row }) => row.original.providers.join(", ") || "—",
    },
    { id: "episode", meta: { label: "Episode" }, header: "Episode", cell: ({ row }) => row.original.episode ?? "—" },
    {
      id: "discovered",
      meta: { label: "Discovered" },
      header: sortHeader(query, assetListHref, "discovered", "Discovered", "desc"),
      cell: ({ row }) => (
        <span className="whitespace-nowrap">{formatDateTime(new Date(row.original.discoveredAt))}</span>
      ),
    },
    {
      id: "hash",
      meta: { label: "Hash" },
      header: "SHA-256",
      cell: ({ row }) =>
        row.original.hashSha256 ? (
          <span className="flex items-center gap-1 whitespace-nowrap">
            <code className="font-mono text-xs" title={row.original.hashSha256}>
              {row.original.hashSha256.slice(0, 10)}…
            </code>
            <CopyButton value={row.original.hashSha256} label={`Copy hash of ${fileName(row.original.uri)}`} />
          </span>
        ) : (
          "—"
        ),
    },
    ...actions,
  ];
}
