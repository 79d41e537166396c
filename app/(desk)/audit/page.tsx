import type { Metadata } from "next";
import { AuditTableView, type AuditRowView } from "@/components/audit/audit-table-view";
import { NotAllowed } from "@/components/auth/not-allowed";
import { FilterForm, KeptParams } from "@/components/data-table/filter-form";
import { Notices } from "@/components/data-table/notices";
import { Pager } from "@/components/data-table/pager";
import { PageHeader } from "@/components/ui/page-header";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { listAuditEvents } from "@/lib/audit/list";
import { AUDIT_LIST_DEFAULTS, auditListHref, parseAuditListParams } from "@/lib/audit/list-params";
import { can } from "@/lib/auth/permissions";
import { pageActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { withCursorNotice } from "@/lib/table/ignored-cursor";
import type { RawSearchParams } from "@/lib/table/search-params";

export const metadata: Metadata = { title: "Audit" };

const input = "rounded border border-slate-300 px-2 py-1 text-sm";
const label = "block text-xs font-medium text-slate-600";

export default async function AuditPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await pageActor();
  if (!can(actor.role, "trash.manage")) return <NotAllowed what="read the audit log" />;
  const { query, notices } = parseAuditListParams(await searchParams);
  const page = await listAuditEvents(await getDb(), query);
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

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change: who, what, when, and the values before and after. Bulk changes share a batch and can be undone as one."
      />
      <Notices notices={withCursorNotice(notices, page)} />
      <FilterForm
        action="/audit"
        label="Filter audit log"
        filtered={Boolean(query.actor || query.action || query.target || query.batch || query.from || query.to)}
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
        <KeptParams query={query} defaults={AUDIT_LIST_DEFAULTS} keep={["dir", "per"]} />
      </FilterForm>
      <AuditTableView rows={rows} query={query} canUndo={can(actor.role, "assets.approve")} />
      <Pager page={page} query={query} href={auditListHref} />
    </>
  );
}
