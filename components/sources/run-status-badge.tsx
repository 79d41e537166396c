import type { ScanStatus } from "@/lib/generated/prisma/client";

const STYLE: Record<ScanStatus, string> = {
  queued: "bg-slate-100 text-slate-700",
  running: "bg-sky-100 text-sky-900",
  succeeded: "bg-emerald-100 text-emerald-900",
  failed: "bg-red-100 text-red-900",
};

/** A stale run still says "running" in the database; its worker is gone, so the badge says so. */
export function RunStatusBadge({ status, stale = false }: { status: ScanStatus; stale?: boolean }) {
  const style = stale ? "bg-amber-100 text-amber-900" : STYLE[status];
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${style}`}>
      {stale ? "not responding" : status}
    </span>
  );
}
