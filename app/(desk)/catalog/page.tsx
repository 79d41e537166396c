import type { Metadata } from "next";
import { CatalogTableView } from "@/components/catalog/catalog-table-view";
import { FilterForm, KeptParams } from "@/components/data-table/filter-form";
import { Notices } from "@/components/data-table/notices";
import { Pager } from "@/components/data-table/pager";
import { PageHeader } from "@/components/ui/page-header";
import { SavedViews } from "@/components/views/saved-views";
import { pageActor } from "@/lib/auth/session";
import { CATALOG_HEALTH, CATALOG_HEALTH_LABEL } from "@/lib/catalog/health";
import { listCatalogEntries } from "@/lib/catalog/list";
import {
  CATALOG_LIST_DEFAULTS,
  catalogListHref,
  catalogListSearch,
  parseCatalogListParams,
} from "@/lib/catalog/list-params";
import { getDb } from "@/lib/db";
import { withCursorNotice } from "@/lib/table/ignored-cursor";
import type { RawSearchParams } from "@/lib/table/search-params";
import { listSavedViews } from "@/lib/views/saved-views";

export const metadata: Metadata = { title: "Catalog" };

export default async function CatalogPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await pageActor();
  const { query, notices } = parseCatalogListParams(await searchParams);
  const db = await getDb();
  const [page, views] = await Promise.all([listCatalogEntries(db, query), listSavedViews(db, actor, "catalog")]);
  const rows = page.rows.map((row) => ({
    uuid: row.uuid,
    title: row.title,
    durationMs: row.durationMs,
    tags: row.tags,
    filePath: row.filePath,
    createdAt: row.createdAt.toISOString(),
    createdByEmail: row.createdByEmail,
    sourceAssetUuid: row.sourceAssetUuid,
    health: row.health,
  }));

  return (
    <div className="flex flex-col gap-6 lg:flex-row">
      <SavedViews table="catalog" views={views} currentQuery={catalogListSearch(query)} />
      <div className="min-w-0 flex-1">
        <PageHeader title="Catalog" description="Promoted assets: what scheduling and playout may use." />
        <Notices notices={withCursorNotice(notices, page)} />
        <FilterForm
          action="/catalog"
          label="Filter catalog"
          submit="Search"
          filtered={Boolean(query.q || query.tag || query.health)}
          after={query.tag ? <span className="text-sm text-slate-600">Tag: {query.tag.join(", ")}</span> : null}
        >
          <div className="grow">
            <label htmlFor="catalog-search" className="block text-xs font-medium text-slate-600">
              Search title or file path
            </label>
            <input
              id="catalog-search"
              name="q"
              type="search"
              defaultValue={query.q ?? ""}
              className="w-full rounded border border-slate-300 px-2 py-1 text-sm"
            />
          </div>
          <div>
            <label htmlFor="catalog-health" className="block text-xs font-medium text-slate-600">
              Health
            </label>
            <select
              id="catalog-health"
              name="health"
              defaultValue={query.health ?? ""}
              className="rounded border border-slate-300 px-2 py-1 text-sm"
            >
              <option value="">All entries</option>
              <option value="any">Needs attention</option>
              {CATALOG_HEALTH.map((health) => (
                <option key={health} value={health}>
                  {CATALOG_HEALTH_LABEL[health]}
                </option>
              ))}
            </select>
          </div>
          <KeptParams query={query} defaults={CATALOG_LIST_DEFAULTS} keep={["tag", "sort", "dir", "per"]} />
        </FilterForm>
        <CatalogTableView rows={rows} query={query} />
        <Pager page={page} query={query} href={catalogListHref} />
      </div>
    </div>
  );
}
