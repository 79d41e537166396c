import type { QcVerdictValue } from "@/lib/qc/types";

// The QC verdict as the table and the detail page show it; "not checked" when there is none.

const STYLES: Record<QcVerdictValue, string> = {
  pass: "bg-emerald-100 text-emerald-900",
  warn: "bg-amber-100 text-amber-900",
  fail: "bg-red-100 text-red-900",
};
const LABELS: Record<QcVerdictValue, string> = { pass: "QC pass", warn: "QC warn", fail: "QC fail" };

export function QcBadge({ verdict, loudnessLufs }: { verdict: QcVerdictValue | null; loudnessLufs: number | null }) {
  if (!verdict) return <span className="text-xs text-slate-500">not checked</span>;
  return (
    <span className="flex items-center gap-1 whitespace-nowrap">
      <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[verdict]}`}>
        {LABELS[verdict]}
      </span>
      {loudnessLufs !== null ? (
        <span className="text-xs tabular-nums text-slate-600">{loudnessLufs.toFixed(1)} LUFS</span>
      ) : null}
    </span>
  );
}
