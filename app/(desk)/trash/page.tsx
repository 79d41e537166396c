import type { Metadata } from "next";
import Link from "next/link";
import { NotAllowed } from "@/components/auth/not-allowed";
import { Notices } from "@/components/data-table/notices";
import { Pager } from "@/components/data-table/pager";
import { TrashTableView } from "@/components/trash/trash-table-view";
import { PageHeader } from "@/components/ui/page-header";
import { countAssetTabs } from "@/lib/assets/list";
import { listTrash, trashDeleters } from "@/lib/assets/trash";
import { parseTrashListParams, trashAssetFilter, trashListHref, trashSelectionQuery } from "@/lib/assets/trash-params";
import { can } from "@/lib/auth/permissions";
import { pageActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import type { RawSearchParams } from "@/lib/table/search-params";

export const metadata: Metadata = { title: "Trash" };

const input = "rounded border border-slate-300 px-2 py-1 text-sm";

export default async function TrashPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await pageActor();
  if (!can(actor.role, "trash.manage")) return <NotAllowed what="see the trash" />;
  const { query, notices } = parseTrashListParams(await searchParams);
  const db = await getDb();
  const [page, counts, deleters] = await Promise.all([
    listTrash(db, query),
    countAssetTabs(db, trashAssetFilter(query), ["deleted"]),
    trashDeleters(db),
  ]);
  if (page.cursorIgnored) notices.push("The page link was not recognised; showing the first page.");
  const rows = page.rows.map((row) => ({
    uuid: row.uuid,
    uri: row.uri,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    deletedByEmail: row.deletedByEmail,
    deleteReason: row.deleteReason,
  }));
  const filtered = Boolean(query.q || query.deleted_by || query.deleted_from || query.deleted_to);

  return (
    <>
      <PageHeader
        title="Trash"
        description="Soft-deleted assets. Rows and their history are kept; restoring puts them back where they were."
      />
      <Notices notices={notices} />
      <form
        action="/trash"
        role="search"
        aria-label="Filter trash"
        className="mb-3 flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3"
      >
        <div className="grow">
          <label htmlFor="trash-search" className="block text-xs font-medium text-slate-600">
            Search file path
          </label>
          <input id="trash-search" name="q" type="search" defaultValue={query.q ?? ""} className={`w-full ${input}`} />
        </div>
        <div>
          <label htmlFor="trash-deleted-by" className="block text-xs font-medium text-slate-600">
            Deleted by (email)
          </label>
          <input
            id="trash-deleted-by"
            name="deleted_by"
            type="email"
            list="trash-deleters"
            defaultValue={query.deleted_by ?? ""}
            className={input}
          />
          <datalist id="trash-deleters">
            {deleters.map((email) => (
              <option key={email} value={email} />
            ))}
          </datalist>
        </div>
        <div>
          <label htmlFor="trash-from" className="block text-xs font-medium text-slate-600">
            Deleted from (UTC)
          </label>
          <input
            id="trash-from"
            name="deleted_from"
            type="date"
            defaultValue={query.deleted_from ?? ""}
            className={input}
          />
        </div>
        <div>
          <label htmlFor="trash-to" className="block text-xs font-medium text-slate-600">
            Deleted to (UTC)
          </label>
          <input id="trash-to" name="deleted_to" type="date" defaultValue={query.deleted_to ?? ""} className={input} />
        </div>
        {/* The sort and page size travel with the filter. */}
        {query.sort !== "deleted" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.dir !== "desc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
        {query.per !== 50 ? <input type="hidden" name="per" value={query.per} /> : null}
        <button
          type="submit"
          className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
        >
          Apply filters
        </button>
        {filtered ? (
          <Link href="/trash" className="px-2 py-1.5 text-sm underline">
            Clear
          </Link>
        ) : null}
      </form>
      <TrashTableView rows={rows} query={query} matching={counts.deleted} selectionQuery={trashSelectionQuery(query)} />
      <Pager
        per={query.per}
        previousHref={page.previous ? trashListHref(query, { before: page.previous }) : null}
        nextHref={page.next ? trashListHref(query, { after: page.next }) : null}
        firstHref={page.previous ? trashListHref(query) : null}
        perHref={(per) => trashListHref(query, { per: per as typeof query.per })}
      />
    </>
  );
}
