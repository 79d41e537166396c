import type { AssetDetail } from "@/lib/assets/queries";
import { formatBytes, formatDateTime, formatDuration } from "@/lib/format";

// Every field of the domain document (by its document name) except the internal integer id,
// which never leaves the server, followed by the workflow columns the desk adds
// and what the library scans record about the file.
export function AssetFields({ asset }: { asset: AssetDetail }) {
  const none = <span className="text-slate-400">not set</span>;
  const rows: Array<[string, string, React.ReactNode]> = [
    [
      "uuid",
      "External identifier",
      <code key="v" className="font-mono">
        {asset.uuid}
      </code>,
    ],
    [
      "uri",
      "File path or URI",
      <span key="v" className="break-all font-mono">
        {asset.uri}
      </span>,
    ],
    ["size", "Size", `${formatBytes(asset.size)} (${asset.size.toLocaleString("en")} bytes)`],
    [
      "duration_ms",
      "Duration",
      asset.durationMs === null
        ? none
        : `${formatDuration(asset.durationMs)} (${asset.durationMs.toLocaleString("en")} ms)`,
    ],
    ["video_codec", "Video codec", asset.videoCodec ?? none],
    ["audio_codec", "Audio codec", asset.audioCodec ?? none],
    ["container", "Container", asset.container ?? none],
    [
      "hash_sha256",
      "SHA-256",
      asset.hashSha256 ? (
        <code key="v" className="break-all font-mono text-xs">
          {asset.hashSha256}
        </code>
      ) : (
        none
      ),
    ],
    ["discovered_at", "Discovered", formatDateTime(asset.discoveredAt)],
    ["canonical", "Approved (canonical)", asset.canonical ? "yes" : "no"],
    ["is_deleted", "Deleted", asset.isDeleted ? "yes" : "no"],
    ["deleted_at", "Deleted at", asset.deletedAt ? formatDateTime(asset.deletedAt) : none],
    ["delete_reason", "Delete reason", asset.deleteReason ?? none],
    ["deleted_by", "Deleted by", asset.deletedBy?.email ?? none],
    ["updated_at", "Last changed", formatDateTime(asset.updatedAt)],
    ["version", "Version", String(asset.version)],
    ["file_mtime", "File modified", asset.fileMtime ? formatDateTime(asset.fileMtime) : none],
    ["missing_since", "Missing since", asset.missingSince ? formatDateTime(asset.missingSince) : none],
    [
      "probe_error",
      "Probe error",
      asset.probeError ? (
        <span key="v" className="break-all">
          {asset.probeError}
        </span>
      ) : (
        none
      ),
    ],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
      {rows.map(([field, label, value]) => (
        <div key={field} className="contents">
          <dt className="text-slate-600">
            {label} <span className="font-mono text-xs text-slate-400">{field}</span>
          </dt>
          <dd data-field={field}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
