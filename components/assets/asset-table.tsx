import Link from "next/link";
import type { AssetSummary } from "@/lib/assets/queries";
import { fileName, formatBytes, formatDateTime, formatDuration } from "@/lib/format";
import { StatusBadge } from "@/components/assets/status-badge";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";

export function AssetTable({ assets, caption }: { assets: AssetSummary[]; caption: string }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>File</Th>
          <Th>Status</Th>
          <Th className="text-right">Duration</Th>
          <Th className="text-right">Size</Th>
          <Th>Container</Th>
          <Th>Video</Th>
          <Th>Audio</Th>
          <Th>Providers</Th>
          <Th>Discovered</Th>
        </tr>
      </thead>
      <tbody>
        {assets.length === 0 ? <EmptyRow colSpan={9}>No assets yet. Run a scan to discover media.</EmptyRow> : null}
        {assets.map((asset) => (
          <tr key={asset.uuid} className="hover:bg-slate-50">
            <Td className="max-w-md">
              <Link href={`/assets/${asset.uuid}`} className="font-medium text-sky-800 hover:underline">
                {fileName(asset.uri)}
              </Link>
              <div className="truncate text-xs text-slate-500" title={asset.uri}>
                {asset.uri}
              </div>
            </Td>
            <Td>
              <StatusBadge status={asset.status} />
            </Td>
            <Td className="text-right tabular-nums">{formatDuration(asset.durationMs)}</Td>
            <Td className="whitespace-nowrap text-right tabular-nums">{formatBytes(asset.size)}</Td>
            <Td>{asset.container ?? "—"}</Td>
            <Td>{asset.videoCodec ?? "—"}</Td>
            <Td>{asset.audioCodec ?? "—"}</Td>
            <Td>{asset.providers.join(", ") || "—"}</Td>
            <Td className="whitespace-nowrap">{formatDateTime(asset.discoveredAt)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
