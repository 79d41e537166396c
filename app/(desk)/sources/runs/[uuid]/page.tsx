import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DetailList } from "@/components/sources/detail-list";
import { PossibleMoves } from "@/components/sources/possible-moves";
import { RunItemSection, type RunItem } from "@/components/sources/run-items";
import { RunProgress } from "@/components/sources/run-progress";
import { RunStatusBadge } from "@/components/sources/run-status-badge";
import { SOURCE_KIND_LABEL } from "@/components/sources/source-kind";
import type { Viewer } from "@/lib/assets/visibility";
import { can } from "@/lib/auth/permissions";
import { pageActor } from "@/lib/auth/session";
import { getDb, type Db } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { formatDateTime, formatDuration } from "@/lib/format";
import type { SourceKind } from "@/lib/generated/prisma/client";
import { listRunItems, movedFrom } from "@/lib/ingest/queries";
import { getRunSummary, type RunItemOutcome, type RunSummary } from "@/lib/ingest/run-report";
import { parseUuid } from "@/lib/uuid";

export const metadata: Metadata = { title: "Scan run" };

/** Files listed per outcome; the rest are counted. */
const LIMIT = 200;

/**
 * The report's sections. The run counts revoked, found-again and moved files as changed, so their
 * split comes from the lists: exact unless more than one of them reaches the limit.
 */
async function reportSections(
  db: Db,
  run: RunSummary,
  viewer: Viewer,
): Promise<{ title: string; items: RunItem[]; total: number | null }[]> {
  const list = (outcome: RunItemOutcome) => listRunItems(db, run.uuid, outcome, viewer, LIMIT);
  const [fresh, changed, revoked, found, moved, missing, failed] = await Promise.all([
    list("new"),
    list("changed"),
    list("revoked"),
    list("found"),
    list("moved"),
    list("missing"),
    list("failed"),
  ]);
  const parts = [
    { listed: changed.length + revoked.length, complete: changed.length < LIMIT && revoked.length < LIMIT },
    { listed: found.length, complete: found.length < LIMIT },
    { listed: moved.length, complete: moved.length < LIMIT },
  ];
  const totalOf = (index: number): number | null => {
    if (parts[index]!.complete) return parts[index]!.listed;
    const others = parts.filter((_, i) => i !== index);
    return others.every((part) => part.complete)
      ? run.counts.changed - others.reduce((sum, part) => sum + part.listed, 0)
      : null;
  };
  const noted = revoked.map((item) => ({ ...item, note: "approval revoked — content changed" }));
  const from = await movedFrom(
    db,
    run.uuid,
    moved.flatMap((item) => (item.assetUuid ? [item.assetUuid] : [])),
  );
  return [
    { title: "New", items: fresh, total: run.counts.new },
    { title: "Changed", items: [...noted, ...changed].slice(0, LIMIT), total: totalOf(0) },
    { title: "Found again", items: found, total: totalOf(1) },
    {
      title: "Moved",
      items: moved.map((item) => {
        const old = item.assetUuid ? from.get(item.assetUuid) : undefined;
        return old ? { ...item, note: `moved from ${old}` } : item;
      }),
      total: totalOf(2),
    },
    { title: "Missing", items: missing, total: run.counts.missing },
    { title: "Failed", items: failed, total: run.counts.failed },
  ];
}

function Details({ run }: { run: RunSummary }) {
  const at = (iso: string | null) => formatDateTime(iso ? new Date(iso) : null);
  const rows: [string, React.ReactNode][] = [
    [
      "Source",
      run.source.uuid ? (
        <Link href={`/sources/${run.source.uuid}`} className="text-sky-800 hover:underline">
          {run.source.name}
        </Link>
      ) : (
        `${run.source.name} (removed)`
      ),
    ],
    ["Kind", SOURCE_KIND_LABEL[run.source.kind as SourceKind] ?? run.source.kind],
    ["Started by", `${run.startedBy ?? "system"} (${run.trigger})`],
    ["Worker", run.worker ?? "—"],
    ["Queued", at(run.queuedAt)],
    ["Started", at(run.startedAt)],
    ["Finished", at(run.finishedAt)],
    [
      "Duration",
      run.startedAt && run.finishedAt ? formatDuration(Date.parse(run.finishedAt) - Date.parse(run.startedAt)) : "—",
    ],
  ];
  return <DetailList rows={rows} className="rounded-lg border border-slate-200 bg-white p-4" />;
}

export default async function RunPage({ params }: { params: Promise<{ uuid: string }> }) {
  const uuid = parseUuid((await params).uuid);
  if (!uuid) notFound();
  const db = await getDb();
  const run = await getRunSummary(db, uuid).catch((error: unknown) => {
    if (error instanceof KnownError && error.kind === "not_found") notFound();
    throw error;
  });
  // While the run goes, the progress polls; the lists are rendered once it has ended.
  const ended = (run.status !== "queued" && run.status !== "running") || run.stale;
  const actor = await pageActor();
  const sections = ended ? (await reportSections(db, run, actor.role)).filter((section) => section.total !== 0) : [];
  return (
    <div className="space-y-4">
      <Link href="/sources" className="text-sm text-sky-800 hover:underline">
        ← Sources
      </Link>
      <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight">
        Scan of {run.source.name} <RunStatusBadge status={run.status} stale={run.stale} />
      </h1>
      {run.status === "failed" ? (
        <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900">
          <p className="font-semibold">The scan failed.</p>
          <p>{run.error ?? "No reason was recorded."}</p>
        </div>
      ) : null}
      <Details run={run} />
      <RunProgress key={run.uuid} initial={run} />
      {ended && run.possibleMoves.length > 0 ? (
        <PossibleMoves moves={run.possibleMoves} canResolve={can(actor.role, "assets.resolve_move")} />
      ) : null}
      {ended && sections.length === 0 ? (
        <p className="text-sm text-slate-600">No file was new, changed, found again, missing or failed.</p>
      ) : null}
      {sections.map((section) => (
        <RunItemSection key={section.title} {...section} />
      ))}
    </div>
  );
}
