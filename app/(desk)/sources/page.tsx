import type { Metadata } from "next";
import { AddSourceForm } from "@/components/sources/source-form";
import { RunsTable } from "@/components/sources/runs-table";
import { SourcesTable } from "@/components/sources/sources-table";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { pageActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { listRuns, listSources, summarizeProviders } from "@/lib/ingest/queries";

export const metadata: Metadata = { title: "Sources" };

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-6">
      <h2 id={id} className="mb-2 text-base font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function SourcesPage() {
  const actor = await pageActor();
  const db = await getDb();
  const [sources, runs, providers] = await Promise.all([
    listSources(db),
    listRuns(db, { limit: 20 }),
    summarizeProviders(db),
  ]);
  return (
    <>
      <PageHeader
        title="Sources"
        description="Where the desk finds media: folders on the server, and Plex or Jellyfin libraries. A scan adds new files and reports what changed or went missing."
      />
      {can(actor.role, "admin.manage") ? (
        <section aria-labelledby="add-source" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="add-source" className="mb-3 text-base font-semibold">
            Add source
          </h2>
          <AddSourceForm />
        </section>
      ) : null}
      <SourcesTable sources={sources} canScan={can(actor.role, "assets.edit")} />
      <Section id="recent-runs" title="Recent runs">
        <RunsTable runs={runs} caption="Recent runs" />
      </Section>
      <Section id="providers" title="Live assets per provider">
        <Table caption="Live assets per provider">
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
      </Section>
    </>
  );
}
