import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteSource } from "@/components/sources/delete-source";
import { DetailList } from "@/components/sources/detail-list";
import { RunsTable } from "@/components/sources/runs-table";
import { ScheduleSummary } from "@/components/sources/sources-table";
import { ScanButton } from "@/components/sources/scan-button";
import { RemapForm } from "@/components/sources/remap-form";
import { EditSourceForm } from "@/components/sources/source-form";
import { SOURCE_KIND_LABEL } from "@/components/sources/source-kind";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { pageActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { getSource, listRuns, type SourceView } from "@/lib/ingest/queries";
import { parseUuid } from "@/lib/uuid";

export const metadata: Metadata = { title: "Source" };

function Configuration({ source }: { source: SourceView }) {
  const reads: [string, React.ReactNode][] =
    source.kind === "filesystem"
      ? [
          [
            "Folders",
            source.roots.map((root) => (
              <div key={root} className="font-mono">
                {root}
              </div>
            )),
          ],
        ]
      : [
          [
            "Server URL",
            <span key="url" className="font-mono">
              {source.url}
            </span>,
          ],
          [source.kind === "plex" ? "Token" : "API key", source.secretHint ?? "none stored"],
          ["Libraries", source.libraries.length > 0 ? source.libraries.join(", ") : "All libraries"],
          [
            "Path maps",
            source.pathMaps.length > 0
              ? source.pathMaps.map(({ from, to }) => (
                  <div key={from} className="font-mono">
                    {from} → {to}
                  </div>
                ))
              : "None",
          ],
        ];
  return (
    <DetailList
      rows={[
        ["Kind", SOURCE_KIND_LABEL[source.kind]],
        ...reads,
        ["Scheduled scans", <ScheduleSummary key="schedule" source={source} />],
        ["Added", formatDateTime(source.createdAt)],
      ]}
    />
  );
}

export default async function SourcePage({ params }: { params: Promise<{ uuid: string }> }) {
  const uuid = parseUuid((await params).uuid);
  if (!uuid) notFound();
  const actor = await pageActor();
  const db = await getDb();
  const source = await getSource(db, uuid).catch((error: unknown) => {
    if (error instanceof KnownError && error.kind === "not_found") notFound();
    throw error;
  });
  const runs = await listRuns(db, { sourceUuid: uuid, limit: 50 });
  const admin = can(actor.role, "admin.manage");
  return (
    <div className="space-y-4">
      <Link href="/sources" className="text-sm text-sky-800 hover:underline">
        ← Sources
      </Link>
      <PageHeader title={source.name} description={`${SOURCE_KIND_LABEL[source.kind]} source`}>
        {can(actor.role, "assets.edit") ? <ScanButton sourceUuid={source.uuid} name={source.name} /> : null}
      </PageHeader>
      <section aria-labelledby="configuration" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="configuration" className="mb-3 text-base font-semibold">
          Configuration
        </h2>
        <Configuration source={source} />
      </section>
      {admin ? (
        <section aria-labelledby="edit-source" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="edit-source" className="text-base font-semibold">
            Edit source
          </h2>
          <EditSourceForm source={source} />
          <DeleteSource sourceUuid={source.uuid} name={source.name} />
        </section>
      ) : null}
      {can(actor.role, "sources.remap") ? (
        <section aria-labelledby="remap" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="remap" className="text-base font-semibold">
            Re-map paths
          </h2>
          <p className="text-sm text-slate-600">
            The share is mounted somewhere else, or a folder was renamed on the server: replace the old folder with the
            new one in this source&apos;s assets and folders. They keep their identity, approval, episodes and catalog
            entries; the change is one batch, undoable.
          </p>
          <RemapForm sourceUuid={source.uuid} />
        </section>
      ) : null}
      <section aria-labelledby="runs">
        <h2 id="runs" className="mb-2 text-base font-semibold">
          Runs
        </h2>
        <RunsTable runs={runs} caption="Runs of this source" showSource={false} />
      </section>
    </div>
  );
}
