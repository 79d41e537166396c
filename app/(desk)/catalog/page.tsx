import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { listCatalog } from "@/lib/catalog/queries";
import { getDb } from "@/lib/db";
import { formatDateTime, formatDuration } from "@/lib/format";

export const metadata: Metadata = { title: "Catalog" };

export default async function CatalogPage() {
  const entries = await listCatalog(await getDb());
  return (
    <>
      <PageHeader title="Catalog" description="Promoted assets: what scheduling and playout may use. Latest 50 promotions." />
      <Table caption="Catalog entries">
        <thead>
          <tr>
            <Th>Title</Th>
            <Th className="text-right">Duration</Th>
            <Th>Tags</Th>
            <Th>File path</Th>
            <Th>Promoted</Th>
            <Th>Source asset</Th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 ? <EmptyRow colSpan={6}>Nothing promoted yet.</EmptyRow> : null}
          {entries.map((entry) => (
            <tr key={entry.uuid}>
              <Td className="font-medium">{entry.title}</Td>
              <Td className="text-right tabular-nums">{formatDuration(entry.durationMs)}</Td>
              <Td>{entry.tags.join(", ") || "—"}</Td>
              <Td className="max-w-sm break-all font-mono text-xs">{entry.filePath}</Td>
              <Td className="whitespace-nowrap">
                {formatDateTime(entry.createdAt)}
                {entry.createdBy ? <div className="text-xs text-slate-500">{entry.createdBy.email}</div> : null}
              </Td>
              <Td>
                {entry.sourceAsset ? (
                  <Link href={`/assets/${entry.sourceAsset.uuid}`} className="text-sky-800 hover:underline">
                    Open asset
                  </Link>
                ) : (
                  <span className="text-slate-500">removed</span>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
