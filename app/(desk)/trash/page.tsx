import type { Metadata } from "next";
import { NotAllowed } from "@/components/auth/not-allowed";
import { FilterForm, KeptParams } from "@/components/data-table/filter-form";
import { Notices } from "@/components/data-table/notices";
import { Pager } from "@/components/data-table/pager";
import { RetentionForm } from "@/components/trash/retention-form";
import { TrashTableView } from "@/components/trash/trash-table-view";
import { PageHeader } from "@/components/ui/page-header";
import { countAssetTabs } from "@/lib/assets/list";
import { getTrashRetention } from "@/lib/assets/retention";
import { listTrash, trashDeleters } from "@/lib/assets/trash";
import {
  TRASH_LIST_DEFAULTS,
  parseTrashListParams,
  trashAssetFilter,
  trashListHref,
  trashSelectionQuery,
} from "@/lib/assets/trash-params";
import { can } from "@/lib/auth/permissions";
import { pageActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { withCursorNotice } from "@/lib/table/ignored-cursor";
import type { RawSearchParams } from "@/lib/table/search-params";

export const metadata: Metadata = { title: "Trash" };

const input = "rounded border border-slate-300 px-2 py-1 text-sm";

export default async function TrashPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await pageActor();
  if (!can(actor.role, "trash.manage")) return <NotAllowed what="see the trash" />;
  const { query, notices } = parseTrashListParams(await searchParams);
  const db = await getDb();
  const [page, counts, deleters, retention] = await Promise.all([
    listTrash(db, query),
    countAssetTabs(db, trashAssetFilter(query), ["deleted"]),
    trashDeleters(db),
    getTrashRetention(db),
  ]);
  const rows = page.rows.map((row) => ({
    uuid: row.uuid,
    uri: row.uri,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    deletedByEmail: row.deletedByEmail,
    deleteReason: row.deleteReason,
  }));

  return (
    <>
      <PageHeader
        title="Trash"
        description="Soft-deleted assets. Rows and their history are kept; restoring puts them back where they were. Purging removes them for good and leaves a tombstone in the audit log."
      />
      <section aria-label="Retention" className="mb-3 rounded border border-slate-200 bg-white px-3 py-2">
        <RetentionForm days={retention} />
      </section>
      <Notices notices={withCursorNotice(notices, page)} />
      <FilterForm
        action="/trash"
        label="Filter trash"
        filtered={Boolean(query.q || query.deleted_by || query.deleted_from || query.deleted_to || query.older_than)}
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
        <div>
          <label htmlFor="trash-older" className="block text-xs font-medium text-slate-600">
            Deleted more than (days ago)
          </label>
          <input
            id="trash-older"
            name="older_than"
            type="number"
            min={1}
            max={36500}
            step={1}
            defaultValue={query.older_than ?? ""}
            className={`w-24 ${input}`}
          />
        </div>
        <KeptParams query={query} defaults={TRASH_LIST_DEFAULTS} keep={["sort", "dir", "per"]} />
      </FilterForm>
      <TrashTableView rows={rows} query={query} matching={counts.deleted} selectionQuery={trashSelectionQuery(query)} />
      <Pager page={page} query={query} href={trashListHref} />
    </>
  );
}
