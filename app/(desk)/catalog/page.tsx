import type { Metadata } from "next";
import Link from "next/link";
import { CatalogTableView } from "@/components/catalog/catalog-table-view";
import { Notices } from "@/components/data-table/notices";
import { Pager } from "@/components/data-table/pager";
import { PageHeader } from "@/components/ui/page-header";
import { SavedViews } from "@/components/views/saved-views";
import { pageActor } from "@/lib/auth/session";
import { listCatalogEntries } from "@/lib/catalog/list";
import { catalogListHref, parseCatalogListParams } from "@/lib/catalog/list-params";
import { getDb } from "@/lib/db";
import type { RawSearchParams } from "@/lib/table/search-params";
import { listSavedViews } from "@/lib/views/saved-views";

export const metadata: Metadata = { title: "Catalog" };

export default async function CatalogPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await pageActor();
  const { query, notices } = parseCatalogListParams(await searchParams);
  const db = await getDb();
  const [page, views] = await Promise.all([listCatalogEntries(db, query), listSavedViews(db, actor, "catalog")]);
  if (page.cursorIgnored) notices.push("The page link was not recognised; showing the first page.");
  const rows = page.rows.map((row) => ({
    uuid: row.uuid,
    title: row.title,
    durationMs: row.durationMs,
    tags: row.tags,
    filePath: row.filePath,
    createdAt: row.createdAt.toISOString(),
    createdByEmail: row.createdByEmail,
    sourceAssetUuid: row.sourceAssetUuid,
  }));

  return (
    <div className="flex flex-col gap-6 lg:flex-row">
      <SavedViews table="catalog" views={views} currentQuery={catalogListHref(query).replace(/^\/catalog/, "")} />
      <div className="min-w-0 flex-1">
        <PageHeader title="Catalog" description="Promoted assets: what scheduling and playout may use." />
        <Notices notices={notices} />
        <form
          action="/catalog"
          role="search"
          aria-label="Filter catalog"
          className="mb-3 flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3"
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
          {/* The sort, page size and tag filter travel with the search. */}
          {query.tag ? <input type="hidden" name="tag" value={query.tag.join(",")} /> : null}
          {query.sort !== "promoted" ? <input type="hidden" name="sort" value={query.sort} /> : null}
          {query.dir !== "desc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
          {query.per !== 50 ? <input type="hidden" name="per" value={query.per} /> : null}
          <button
            type="submit"
            className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
          >
            Search
          </button>
          {query.q || query.tag ? (
            <Link href="/catalog" className="px-2 py-1.5 text-sm underline">
              Clear
            </Link>
          ) : null}
          {query.tag ? <span className="text-sm text-slate-600">Tag: {query.tag.join(", ")}</span> : null}
        </form>
        <CatalogTableView rows={rows} query={query} />
        <Pager
          per={query.per}
          previousHref={page.previous ? catalogListHref(query, { before: page.previous }) : null}
          nextHref={page.next ? catalogListHref(query, { after: page.next }) : null}
          firstHref={page.previous ? catalogListHref(query) : null}
          perHref={(per) => catalogListHref(query, { per: per as typeof query.per })}
        />
      </div>
    </div>
  );
}
