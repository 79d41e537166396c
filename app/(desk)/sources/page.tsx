import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { summarizeProviders } from "@/lib/ingest/queries";

export const metadata: Metadata = { title: "Sources" };

export default async function SourcesPage() {
  const providers = await summarizeProviders(await getDb());
  return (
    <>
      <PageHeader title="Sources" description="The providers that have reported assets to the desk." />
      <Table caption="Providers">
        <thead>
          <tr>
            <Th>Provider</Th>
            <Th className="text-right">Live assets</Th>
            <Th>Last reported</Th>
          </tr>
        </thead>
        <tbody>
          {providers.length === 0 ? <EmptyRow colSpan={3}>No provider has reported an asset yet.</EmptyRow> : null}
          {providers.map((row) => (
            <tr key={row.provider}>
              <Td className="font-medium capitalize">{row.provider}</Td>
              <Td className="text-right tabular-nums">{row.assets.toLocaleString("en")}</Td>
              <Td>{formatDateTime(row.lastSeen)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
