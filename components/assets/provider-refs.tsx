import type { AssetDetail } from "@/lib/assets/queries";
import { formatDateTime } from "@/lib/format";

export function ProviderRefs({ refs }: { refs: AssetDetail["providerRefs"] }) {
  if (refs.length === 0) return <p className="text-sm text-slate-600">No provider has reported this asset.</p>;
  return (
    <ul className="space-y-2 text-sm">
      {refs.map((ref) => (
        <li key={ref.uuid} className="rounded border border-slate-200 p-2">
          <div className="flex flex-wrap items-baseline gap-2">
            <span className="font-medium capitalize">{ref.provider}</span>
            <code className="break-all font-mono text-xs">{ref.providerKey}</code>
            <span className="ml-auto text-xs text-slate-500">updated {formatDateTime(ref.updatedAt)}</span>
          </div>
          {ref.raw === null ? null : (
            <details className="mt-1">
              <summary className="cursor-pointer text-xs text-slate-600">Raw {ref.provider} data</summary>
              <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs">
                {JSON.stringify(ref.raw, null, 2)}
              </pre>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
