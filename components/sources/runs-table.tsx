import Link from "next/link";
import { RunCounts } from "@/components/sources/run-counts";
import { RunStatusBadge } from "@/components/sources/run-status-badge";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { formatDateTime, formatDuration } from "@/lib/format";
import type { RunListRow } from "@/lib/ingest/queries";

/** Runs, newest first; a source's own page leaves out the source column. */
export function RunsTable({
  runs,
  caption,
  showSource = true,
}: {
  runs: RunListRow[];
  caption: string;
  showSource?: boolean;
}) {
  const columns = showSource ? 6 : 5;
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Run</Th>
          {showSource ? <Th>Source</Th> : null}
          <Th>Status</Th>
          <Th>Started by</Th>
          <Th>Duration</Th>
          <Th>Result</Th>
        </tr>
      </thead>
      <tbody>
        {runs.length === 0 ? <EmptyRow colSpan={columns}>No scans yet.</EmptyRow> : null}
        {runs.map((run) => (
          <tr key={run.uuid}>
            <Td className="whitespace-nowrap">
              <Link href={`/sources/runs/${run.uuid}`} className="text-sky-800 hover:underline">
                {formatDateTime(run.queuedAt)}
              </Link>
            </Td>
            {showSource ? (
              <Td>
                {run.source ? (
                  <Link href={`/sources/${run.source.uuid}`} className="text-sky-800 hover:underline">
                    {run.sourceName}
                  </Link>
                ) : (
                  <span>
                    {run.sourceName} <span className="text-slate-500">(removed)</span>
                  </span>
                )}
              </Td>
            ) : null}
            <Td>
              <RunStatusBadge status={run.status} />
            </Td>
            <Td>
              {run.startedByEmail ?? "system"} <span className="text-slate-500">({run.trigger})</span>
            </Td>
            <Td className="tabular-nums">
              {run.startedAt && run.finishedAt
                ? formatDuration(run.finishedAt.getTime() - run.startedAt.getTime())
                : "—"}
            </Td>
            <Td>
              <RunCounts run={run} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
