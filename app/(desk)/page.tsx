import Link from "next/link";
import { formatCount } from "@/components/assets/status-tabs";
import { DiscoveryChart } from "@/components/dashboard/discovery-chart";
import { RunCounts } from "@/components/sources/run-counts";
import { RunStatusBadge } from "@/components/sources/run-status-badge";
import { PageHeader } from "@/components/ui/page-header";
import { BackfillPanel } from "@/components/dashboard/backfill-panel";
import { countAssetIssues, discoveredPerDay, latestChanges } from "@/lib/assets/dashboard";
import { CATALOG_HEALTH, CATALOG_HEALTH_LABEL } from "@/lib/catalog/health";
import { countCatalogHealth } from "@/lib/catalog/list";
import { countAssetTabs, listAssets } from "@/lib/assets/list";
import { ASSET_ISSUES, ASSET_ISSUE_LABELS, ASSET_LIST_DEFAULTS, assetListHref } from "@/lib/assets/list-params";
import { ASSET_STATUSES } from "@/lib/assets/status";
import { can } from "@/lib/auth/permissions";
import { pageActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { fileName, formatDateTime } from "@/lib/format";
import { listRuns } from "@/lib/ingest/queries";

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-3 text-base font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export default async function DashboardPage() {
  const actor = await pageActor();
  const db = await getDb();
  const [counts, issues, catalogHealth, perDay, latest, changes, scans] = await Promise.all([
    countAssetTabs(db, {}, ASSET_STATUSES),
    countAssetIssues(db),
    countCatalogHealth(db),
    discoveredPerDay(db, 30),
    listAssets(db, { ...ASSET_LIST_DEFAULTS, per: 8 }),
    latestChanges(db, 10),
    listRuns(db, { limit: 5 }),
  ]);
  return (
    <>
      <PageHeader title="Dashboard" description="Where the library stands, and what arrived and changed last." />
      <section aria-label="Assets by status" className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        {ASSET_STATUSES.map((status) => {
          const body = (
            <>
              <div className="text-sm capitalize text-slate-600">{status}</div>
              <div
                className="mt-1 text-3xl font-semibold tabular-nums"
                title={counts[status].estimated ? "Estimated from table statistics" : undefined}
              >
                {formatCount(counts[status])}
              </div>
            </>
          );
          // Deleted assets are listed in the trash, for the roles that may see it.
          const href =
            status === "deleted"
              ? can(actor.role, "trash.manage")
                ? "/trash"
                : null
              : assetListHref(ASSET_LIST_DEFAULTS, { status });
          return href ? (
            <Link
              key={status}
              href={href}
              className="rounded-lg border border-slate-200 bg-white p-4 hover:border-slate-400"
            >
              {body}
            </Link>
          ) : (
            <div key={status} className="rounded-lg border border-slate-200 bg-white p-4">
              {body}
            </div>
          );
        })}
      </section>
      <section aria-label="Scan issues" className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        {ASSET_ISSUES.map((issue) => (
          <Link
            key={issue}
            href={assetListHref(ASSET_LIST_DEFAULTS, { issue })}
            className="rounded-lg border border-slate-200 bg-white p-4 hover:border-slate-400"
          >
            <div className="text-sm capitalize text-slate-600">{ASSET_ISSUE_LABELS[issue]}</div>
            <div
              className="mt-1 text-3xl font-semibold tabular-nums"
              title={issues[issue].estimated ? "Estimated from table statistics" : undefined}
            >
              {formatCount(issues[issue])}
            </div>
          </Link>
        ))}
        <Link
          href="/catalog?health=any"
          className="rounded-lg border border-slate-200 bg-white p-4 hover:border-slate-400"
          title={CATALOG_HEALTH.map((health) => `${CATALOG_HEALTH_LABEL[health]}: ${catalogHealth[health]}`).join(", ")}
        >
          <div className="text-sm text-slate-600">Catalog entries needing attention</div>
          <div className="mt-1 text-3xl font-semibold tabular-nums">
            {Object.values(catalogHealth)
              .reduce((sum, n) => sum + n, 0)
              .toLocaleString("en")}
          </div>
        </Link>
      </section>
      <BackfillPanel db={db} viewer={actor.role} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Discovered per day">
          <DiscoveryChart days={perDay} />
        </Card>
        <Card title="Latest discoveries">
          <ul className="space-y-1 text-sm">
            {latest.rows.length === 0 ? <li className="text-slate-500">Nothing discovered yet. Run a scan.</li> : null}
            {latest.rows.map((asset) => (
              <li key={asset.uuid} className="flex justify-between gap-3">
                <Link href={`/assets/${asset.uuid}`} className="truncate text-sky-800 hover:underline">
                  {fileName(asset.uri)}
                </Link>
                <span className="whitespace-nowrap text-slate-500">{formatDateTime(asset.discoveredAt)}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Latest changes">
          <ul className="space-y-1 text-sm">
            {changes.length === 0 ? <li className="text-slate-500">No changes yet.</li> : null}
            {changes.map((event) => (
              <li key={event.uuid} className="flex flex-wrap justify-between gap-x-3">
                <span>
                  <span className="font-mono text-xs">{event.action}</span>{" "}
                  {event.targetType === "asset" ? (
                    <Link href={`/assets/${event.targetUuid}`} className="text-sky-800 hover:underline">
                      asset
                    </Link>
                  ) : (
                    event.targetType.replace("_", " ")
                  )}{" "}
                  <span className="text-slate-500">by {event.actorEmail ?? "system"}</span>
                </span>
                <span className="whitespace-nowrap text-slate-500">{formatDateTime(event.at)}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Latest scans">
          <ul className="space-y-2 text-sm">
            {scans.length === 0 ? (
              <li className="text-slate-500">
                No scans yet. Start one from{" "}
                <Link href="/sources" className="text-sky-800 hover:underline">
                  Sources
                </Link>
                .
              </li>
            ) : null}
            {scans.map((run) => (
              <li key={run.uuid} className="flex flex-wrap items-center justify-between gap-x-3">
                <span className="flex items-center gap-2">
                  <Link href={`/sources/runs/${run.uuid}`} className="text-sky-800 hover:underline">
                    {run.sourceName}
                  </Link>
                  <RunStatusBadge status={run.status} />
                </span>
                <span className="whitespace-nowrap text-slate-500">{formatDateTime(run.queuedAt)}</span>
                <span className="w-full text-xs text-slate-600">
                  <RunCounts run={run} />
                </span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
