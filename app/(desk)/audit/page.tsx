import type { Metadata } from "next";
import Link from "next/link";
import { AuditTableView, type AuditRowView } from "@/components/audit/audit-table-view";
import { NotAllowed } from "@/components/auth/not-allowed";
import { Notices } from "@/components/data-table/notices";
import { Pager } from "@/components/data-table/pager";
import { PageHeader } from "@/components/ui/page-header";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { listAuditEvents } from "@/lib/audit/list";
import { auditListHref, parseAuditListParams } from "@/lib/audit/list-params";
import { can } from "@/lib/auth/permissions";
import { pageActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import type { RawSearchParams } from "@/lib/table/search-params";

export const metadata: Metadata = { title: "Audit" };

const input = "rounded border border-slate-300 px-2 py-1 text-sm";
const label = "block text-xs font-medium text-slate-600";

export default async function AuditPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await pageActor();
  if (!can(actor.role, "trash.manage")) return <NotAllowed what="read the audit log" />;
  const { query, notices } = parseAuditListParams(await searchParams);
  const page = await listAuditEvents(await getDb(), query);
  if (page.cursorIgnored) notices.push("The page link was not recognised; showing the first page.");
  const rows: AuditRowView[] = page.rows.map((row) => ({
    uuid: row.uuid,
    at: row.at.toISOString(),
    actorEmail: row.actorEmail,
    apiTokenUuid: row.apiTokenUuid,
    action: row.action,
    targetType: row.targetType,
    targetUuid: row.targetUuid,
    before: row.before as AuditRowView["before"],
    after: row.after as AuditRowView["after"],
    batchUuid: row.batchUuid,
  }));
  const filtered = Boolean(query.actor || query.action || query.target || query.batch || query.from || query.to);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change: who, what, when, and the values before and after. Bulk changes share a batch and can be undone as one."
      />
      <Notices notices={notices} />
      <form
        action="/audit"
        role="search"
        aria-label="Filter audit log"
        className="mb-3 flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3"
      >
        <div>
          <label htmlFor="audit-actor" className={label}>
            Actor (email)
          </label>
          <input id="audit-actor" name="actor" defaultValue={query.actor ?? ""} className={input} />
        </div>
        <div>
          <label htmlFor="audit-action" className={label}>
            Action
          </label>
          <select id="audit-action" name="action" defaultValue={query.action ?? ""} className={input}>
            <option value="">any</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-target" className={label}>
            Target uuid
          </label>
          <input
            id="audit-target"
            name="target"
            defaultValue={query.target ?? ""}
            size={36}
            className={`${input} font-mono`}
          />
        </div>
        <div>
          <label htmlFor="audit-batch" className={label}>
            Batch uuid
          </label>
          <input
            id="audit-batch"
            name="batch"
            defaultValue={query.batch ?? ""}
            size={36}
            className={`${input} font-mono`}
          />
        </div>
        <div>
          <label htmlFor="audit-from" className={label}>
            From (UTC)
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={query.from ?? ""} className={input} />
        </div>
        <div>
          <label htmlFor="audit-to" className={label}>
            To (UTC)
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={query.to ?? ""} className={input} />
        </div>
        {query.dir !== "desc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
        {query.per !== 50 ? <input type="hidden" name="per" value={query.per} /> : null}
        <button
          type="submit"
          className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
        >
          Apply filters
        </button>
        {filtered ? (
          <Link href="/audit" className="px-2 py-1.5 text-sm underline">
            Clear
          </Link>
        ) : null}
      </form>
      <AuditTableView rows={rows} query={query} canUndo={can(actor.role, "assets.approve")} />
      <Pager
        per={query.per}
        previousHref={page.previous ? auditListHref(query, { before: page.previous }) : null}
        nextHref={page.next ? auditListHref(query, { after: page.next }) : null}
        firstHref={page.previous ? auditListHref(query) : null}
        perHref={(per) => auditListHref(query, { per: per as typeof query.per })}
      />
    </>
  );
}
