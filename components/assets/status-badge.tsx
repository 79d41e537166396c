import type { AssetStatus } from "@/lib/assets/status";

const STYLE: Record<AssetStatus, string> = {
  pending: "bg-amber-100 text-amber-900",
  approved: "bg-sky-100 text-sky-900",
  promoted: "bg-emerald-100 text-emerald-900",
  deleted: "bg-slate-200 text-slate-700",
};

export function StatusBadge({ status }: { status: AssetStatus }) {
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${STYLE[status]}`}>{status}</span>;
}
