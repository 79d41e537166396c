import { formatDateTime } from "@/lib/format";

/** What the last scan found wrong with the file, above everything else on the asset's page. */
export function AssetIssues({ missingSince, probeError }: { missingSince: Date | null; probeError: string | null }) {
  if (!missingSince && !probeError) return null;
  return (
    <div
      role="status"
      aria-label="File problems"
      className="space-y-1 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900"
    >
      {missingSince ? (
        <p>
          <strong>File missing since {formatDateTime(missingSince)}</strong> — the last scan did not find it.
        </p>
      ) : null}
      {probeError ? (
        <p>
          <strong>Probe failed:</strong> <span className="break-all">{probeError}</span>
          <span className="block text-red-800">
            It cannot be approved without a duration and codecs. Replace or repair the file, then “Probe again” (or the
            next scan reads it once its size or time changed).
          </span>
        </p>
      ) : null}
    </div>
  );
}
