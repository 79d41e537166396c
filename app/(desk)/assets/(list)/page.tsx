import type { Metadata } from "next";
import { AssetFilters } from "@/components/assets/asset-filters";
import { AssetTableView } from "@/components/assets/asset-table-view";
import { StatusTabs } from "@/components/assets/status-tabs";
import { Notices } from "@/components/data-table/notices";
import { Pager } from "@/components/data-table/pager";
import { PageHeader } from "@/components/ui/page-header";
import { SavedViews } from "@/components/views/saved-views";
import { assetFacets } from "@/lib/assets/facets";
import { countAssetTabs, listAssets } from "@/lib/assets/list";
import { assetListHref, assetListSearch, assetTabsFor, parseAssetListParams } from "@/lib/assets/list-params";
import { RULES } from "@/lib/assets/rules";
import { BULK_TRANSITIONS } from "@/lib/assets/transitions";
import { can } from "@/lib/auth/permissions";
import { pageActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { withCursorNotice } from "@/lib/table/ignored-cursor";
import type { RawSearchParams } from "@/lib/table/search-params";
import { listSavedViews } from "@/lib/views/saved-views";

export const metadata: Metadata = { title: "Assets" };

export default async function AssetsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await pageActor();
  const { query, notices } = parseAssetListParams(await searchParams);
  // Deleted assets are the trash's business: only roles that may see the trash get that tab.
  const tabs = assetTabsFor(actor.role);
  if (!tabs.includes(query.status)) {
    notices.push(`Your role cannot list ${query.status} assets; showing all live assets.`);
    query.status = "all";
  }
  const db = await getDb();
  const [page, counts, facets, views] = await Promise.all([
    listAssets(db, query),
    countAssetTabs(db, query, tabs),
    assetFacets(db),
    listSavedViews(db, actor, "assets"),
  ]);
  const rows = page.rows.map((row) => ({
    uuid: row.uuid,
    uri: row.uri,
    size: Number(row.size),
    durationMs: row.durationMs,
    videoCodec: row.videoCodec,
    audioCodec: row.audioCodec,
    container: row.container,
    hashSha256: row.hashSha256,
    discoveredAt: row.discoveredAt.toISOString(),
    status: row.status,
    providers: row.providers,
    episode: row.episode,
    missingSince: row.missingSince?.toISOString() ?? null,
    probeError: row.probeError,
    streams: row.streams,
    qcVerdict: row.qcVerdict,
    loudnessLufs: row.loudnessLufs,
    title: row.title,
    tags: row.tags,
    notesCount: row.notesCount,
  }));
  const matching = counts[query.status];
  const bulk = BULK_TRANSITIONS.filter((transition) => can(actor.role, RULES[transition].capability));

  return (
    <div className="flex flex-col gap-6 lg:flex-row">
      <SavedViews table="assets" views={views} currentQuery={assetListSearch(query)} />
      <div className="min-w-0 flex-1">
        <PageHeader
          title="Assets"
          description="Everything the library scans found. Filter, sort and open an asset to review it."
        />
        <Notices notices={withCursorNotice(notices, page)} />
        <StatusTabs query={query} counts={counts} tabs={tabs} />
        <AssetFilters query={query} facets={facets} />
        <AssetTableView
          rows={rows}
          query={query}
          matching={matching.count}
          matchingEstimated={matching.estimated}
          bulk={bulk}
          canReprobe={can(actor.role, "assets.reprobe")}
          qcBulk={can(actor.role, "qc.bulk")}
          canTag={can(actor.role, "assets.edit")}
        />
        <Pager page={page} query={query} href={assetListHref} />
      </div>
    </div>
  );
}
