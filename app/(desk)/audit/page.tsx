import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { listAuditEvents } from "@/lib/audit/queries";
import { NotAllowed } from "@/components/auth/not-allowed";
import { can } from "@/lib/auth/permissions";
import { pageActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage() {
  const actor = await pageActor();
  if (!can(actor.role, "trash.manage")) return <NotAllowed what="read the audit log" />;
  const events = await listAuditEvents(await getDb());
  return (
    <>
      <PageHeader title="Audit log" description="Every change, newest first (latest 100)." />
      <Table caption="Audit events">
        <thead>
          <tr>
            <Th>When</Th>
            <Th>Actor</Th>
            <Th>Action</Th>
            <Th>Target</Th>
            <Th>Batch</Th>
          </tr>
        </thead>
        <tbody>
          {events.length === 0 ? <EmptyRow colSpan={5}>No changes recorded yet.</EmptyRow> : null}
          {events.map((event) => (
            <tr key={event.uuid}>
              <Td className="whitespace-nowrap">{formatDateTime(event.at)}</Td>
              <Td>{event.actorEmail ?? "system"}</Td>
              <Td className="font-mono text-xs">{event.action}</Td>
              <Td className="font-mono text-xs">
                {event.targetType === "asset" ? (
                  <Link href={`/assets/${event.targetUuid}`} className="text-sky-800 hover:underline">
                    {event.targetUuid}
                  </Link>
                ) : (
                  event.targetUuid
                )}
              </Td>
              <Td className="font-mono text-xs text-slate-500">{event.batchUuid ?? "—"}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
