"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { SortHeader } from "@/components/data-table/sort-header";
import { UndoBatchForm, type UndoOutcome } from "@/components/audit/undo-batch-form";
import { UNDOABLE_ACTIONS, auditListHref, type AuditListQuery } from "@/lib/audit/list-params";
import type { AuditAction } from "@/lib/audit/actions";
import { formatDateTime } from "@/lib/format";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** One audit event as the browser receives it (the time as an ISO string). */
export interface AuditRowView {
  uuid: string;
  at: string;
  actorEmail: string | null;
  apiTokenUuid: string | null;
  action: string;
  targetType: string;
  targetUuid: string;
  before: Json;
  after: Json;
  batchUuid: string | null;
}

function short(value: Json | undefined): string {
  const text = value === undefined ? "—" : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** "key: before → after" for every key whose value changed, on one line. */
function changeLine(before: Json, after: Json): string {
  const record = (value: Json) => (value && typeof value === "object" && !Array.isArray(value) ? value : {});
  const [b, a] = [record(before), record(after)];
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (key) => JSON.stringify(b[key]) !== JSON.stringify(a[key]),
  );
  return keys.map((key) => `${key}: ${short(b[key])} → ${short(a[key])}`).join("; ") || "no change recorded";
}

function Change({ before, after }: { before: Json; after: Json }) {
  return (
    <details className="max-w-md text-xs">
      <summary className="cursor-pointer font-mono break-all">{changeLine(before, after)}</summary>
      <div className="mt-1 grid gap-1 sm:grid-cols-2">
        <div>
          <p className="text-slate-500">Before</p>
          <pre className="overflow-x-auto rounded bg-slate-50 p-1">{JSON.stringify(before, null, 2)}</pre>
        </div>
        <div>
          <p className="text-slate-500">After</p>
          <pre className="overflow-x-auto rounded bg-slate-50 p-1">{JSON.stringify(after, null, 2)}</pre>
        </div>
      </div>
    </details>
  );
}

export function AuditTableView({
  rows,
  query,
  canUndo,
}: {
  rows: AuditRowView[];
  query: AuditListQuery;
  canUndo: boolean;
}) {
  const [undone, setUndone] = useState<Record<string, UndoOutcome>>({});
  const onOutcome = (batchUuid: string, outcome: UndoOutcome) =>
    setUndone((current) => ({ ...current, [batchUuid]: outcome }));
  const filterLink = "hover:underline";
  const columns: ColumnDef<AuditRowView, unknown>[] = [
    {
      id: "at",
      enableHiding: false,
      meta: { label: "When" },
      header: () => (
        <SortHeader
          label="When"
          active
          direction={query.dir}
          href={auditListHref(query, { dir: query.dir === "desc" ? "asc" : "desc" })}
        />
      ),
      cell: ({ row }) => <span className="whitespace-nowrap">{formatDateTime(new Date(row.original.at))}</span>,
    },
    {
      id: "actor",
      meta: { label: "Actor" },
      header: "Actor",
      cell: ({ row }) => (
        <>
          {row.original.actorEmail ? (
            <Link
              href={auditListHref(query, { actor: row.original.actorEmail.toLowerCase() })}
              className={filterLink}
              title="Show this actor's changes"
            >
              {row.original.actorEmail}
            </Link>
          ) : (
            "system"
          )}
          {row.original.apiTokenUuid && (
            <span
              className="block font-mono text-xs text-slate-500"
              title={`With the API token ${row.original.apiTokenUuid}`}
            >
              via token {row.original.apiTokenUuid.slice(0, 8)}
            </span>
          )}
        </>
      ),
    },
    {
      id: "action",
      meta: { label: "Action" },
      header: "Action",
      cell: ({ row }) => (
        <Link
          href={auditListHref(query, { action: row.original.action as AuditAction })}
          className={`font-mono text-xs ${filterLink}`}
          title="Show only this action"
        >
          {row.original.action}
        </Link>
      ),
    },
    {
      id: "target",
      meta: { label: "Target" },
      header: "Target",
      cell: ({ row }) => (
        <span className="font-mono text-xs">
          {row.original.targetType === "asset" ? (
            <Link href={`/assets/${row.original.targetUuid}`} className="text-sky-800 hover:underline">
              {row.original.targetUuid}
            </Link>
          ) : row.original.targetType === "catalog_asset" ? (
            <Link href={`/catalog/${row.original.targetUuid}`} className="text-sky-800 hover:underline">
              <span className="text-slate-500">catalog </span>
              {row.original.targetUuid}
            </Link>
          ) : (
            <>
              <span className="text-slate-500">{row.original.targetType} </span>
              {row.original.targetUuid}
            </>
          )}
          <Link
            href={auditListHref(query, { target: row.original.targetUuid })}
            className="ml-1 text-slate-500 hover:underline"
            aria-label={`History of ${row.original.targetUuid}`}
          >
            history
          </Link>
        </span>
      ),
    },
    {
      id: "change",
      meta: { label: "Change" },
      header: "Change",
      cell: ({ row }) => <Change before={row.original.before} after={row.original.after} />,
    },
    {
      id: "batch",
      meta: { label: "Batch" },
      header: "Batch",
      cell: ({ row }) => {
        const { batchUuid, action } = row.original;
        if (!batchUuid) return <span className="text-slate-400">—</span>;
        const undoable = canUndo && UNDOABLE_ACTIONS.includes(action as AuditAction);
        return (
          <div className="text-xs">
            {query.batch === batchUuid ? (
              <span className="font-mono text-slate-500" title={batchUuid}>
                {batchUuid.slice(0, 8)}
              </span>
            ) : (
              <Link
                href={auditListHref(
                  { ...query, actor: undefined, action: undefined, target: undefined, from: undefined, to: undefined },
                  { batch: batchUuid },
                )}
                className="text-sky-800 hover:underline"
              >
                show this batch
              </Link>
            )}
            {undoable ? (
              <UndoBatchForm batchUuid={batchUuid} outcome={undone[batchUuid]} onOutcome={onOutcome} />
            ) : null}
          </div>
        );
      },
    },
  ];
  return (
    <DataTable
      caption="Audit events"
      columns={columns}
      data={rows}
      getRowId={(row) => row.uuid}
      storageKey="asset-desk:columns:audit"
      sorted={{ id: "at", dir: query.dir }}
      empty="No changes match."
    />
  );
}
