import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { listDeletedAssets } from "@/lib/assets/queries";
import { NotAllowed } from "@/components/auth/not-allowed";
import { can } from "@/lib/auth/permissions";
import { pageActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { fileName, formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Trash" };

export default async function TrashPage() {
  const actor = await pageActor();
  if (!can(actor.role, "trash.manage")) return <NotAllowed what="see the trash" />;
  const assets = await listDeletedAssets(await getDb());
  return (
    <>
      <PageHeader title="Trash" description="Soft-deleted assets, newest first. Rows and their history are kept." />
      <Table caption="Deleted assets">
        <thead>
          <tr>
            <Th>File</Th>
            <Th>Deleted</Th>
            <Th>By</Th>
            <Th>Reason</Th>
          </tr>
        </thead>
        <tbody>
          {assets.length === 0 ? <EmptyRow colSpan={4}>The trash is empty.</EmptyRow> : null}
          {assets.map((asset) => (
            <tr key={asset.uuid}>
              <Td>
                <Link href={`/assets/${asset.uuid}`} className="font-medium text-sky-800 hover:underline">
                  {fileName(asset.uri)}
                </Link>
                <div className="break-all text-xs text-slate-500">{asset.uri}</div>
              </Td>
              <Td className="whitespace-nowrap">{formatDateTime(asset.deletedAt)}</Td>
              <Td>{asset.deletedByEmail ?? "—"}</Td>
              <Td>{asset.deleteReason ?? "—"}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
