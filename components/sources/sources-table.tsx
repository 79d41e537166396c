import Link from "next/link";
import { RunCounts } from "@/components/sources/run-counts";
import { RunStatusBadge } from "@/components/sources/run-status-badge";
import { ScanButton } from "@/components/sources/scan-button";
import { SOURCE_KIND_LABEL } from "@/components/sources/source-kind";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import type { SourceView, listSources } from "@/lib/ingest/queries";
import { describeSchedule } from "@/lib/ingest/schedule";

type SourceRow = Awaited<ReturnType<typeof listSources>>[number];

/** What a source reads: its folders, or its server and the libraries taken from it. */
export function SourceReads({ source }: { source: Pick<SourceView, "kind" | "roots" | "url" | "libraries"> }) {
  if (source.kind === "filesystem") {
    return (
      <ul className="font-mono text-xs">
        {source.roots.map((root) => (
          <li key={root} className="break-all">
            {root}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className="text-xs">
      <div className="break-all font-mono">{source.url}</div>
      <div className="text-slate-600">
        {source.libraries.length > 0 ? `Libraries: ${source.libraries.join(", ")}` : "All libraries"}
      </div>
    </div>
  );
}

/** The source's schedule and, when it has one, its next scan. */
export function ScheduleSummary({ source }: { source: Pick<SourceView, "schedule" | "nextScanAt"> }) {
  if (source.schedule.kind === "off") return <span className="text-slate-500">By hand</span>;
  return (
    <div className="text-xs">
      <div className="whitespace-nowrap">{formatDateTime(source.nextScanAt)}</div>
      <div className="text-slate-600">{describeSchedule(source.schedule)}</div>
    </div>
  );
}

export function SourcesTable({ sources, canScan }: { sources: SourceRow[]; canScan: boolean }) {
  const columns = canScan ? 6 : 5;
  return (
    <Table caption="Sources">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Kind</Th>
          <Th>Reads</Th>
          <Th>Last run</Th>
          <Th>Next scan</Th>
          {canScan ? (
            <Th>
              <span className="sr-only">Scan</span>
            </Th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {sources.length === 0 ? <EmptyRow colSpan={columns}>No sources yet.</EmptyRow> : null}
        {sources.map((source) => (
          <tr key={source.uuid}>
            <Td>
              <Link href={`/sources/${source.uuid}`} className="font-medium text-sky-800 hover:underline">
                {source.name}
              </Link>
            </Td>
            <Td>{SOURCE_KIND_LABEL[source.kind]}</Td>
            <Td>
              <SourceReads source={source} />
            </Td>
            <Td>
              {source.latestRun ? (
                <div className="space-y-0.5">
                  <div className="flex items-center gap-2">
                    <RunStatusBadge status={source.latestRun.status} />
                    <span className="whitespace-nowrap text-slate-600">
                      {formatDateTime(source.latestRun.queuedAt)}
                    </span>
                  </div>
                  <Link href={`/sources/runs/${source.latestRun.uuid}`} className="text-sky-800 hover:underline">
                    <RunCounts run={source.latestRun} />
                  </Link>
                </div>
              ) : (
                <span className="text-slate-500">Never scanned</span>
              )}
            </Td>
            <Td>
              <ScheduleSummary source={source} />
            </Td>
            {canScan ? (
              <Td>
                <ScanButton sourceUuid={source.uuid} name={source.name} />
              </Td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
