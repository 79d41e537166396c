import { QcBadge } from "@/components/qc/qc-badge";
import { RunQcButton } from "@/components/qc/run-qc-button";
import { formatDateTime } from "@/lib/format";
import type { QcView } from "@/lib/qc/result";

// The detail page's QC section: verdict, figures and reasons of the current file's result, where
// its job is, and "Run QC" for those who may. The events are drawn under the player.

const figure = (value: number | null, unit: string) => (value === null ? "—" : `${value.toFixed(1)} ${unit}`);

export function QcPanel({ uuid, view, canRun }: { uuid: string; view: QcView; canRun: boolean }) {
  const result = view.current ? view.result : null;
  return (
    <div className="space-y-3 text-sm">
      <div className="flex items-center gap-2">
        <QcBadge verdict={view.verdict} loudnessLufs={null} />
        {view.job ? (
          <span role="status" className="text-xs text-slate-600">
            QC {view.job === "running" ? "running…" : "waiting in the queue…"}
          </span>
        ) : null}
      </div>
      {view.result && !view.current ? (
        <p className="text-xs text-slate-600">
          The last QC measured an earlier version of the file; it does not count for this one.
        </p>
      ) : null}
      {result ? (
        <>
          <dl className="grid grid-cols-2 gap-x-3 gap-y-1">
            <dt className="text-slate-600">Integrated loudness</dt>
            <dd className="tabular-nums">{figure(result.integratedLufs, "LUFS")}</dd>
            <dt className="text-slate-600">Loudness range</dt>
            <dd className="tabular-nums">{figure(result.loudnessRangeLu, "LU")}</dd>
            <dt className="text-slate-600">True peak</dt>
            <dd className="tabular-nums">{figure(result.truePeakDbtp, "dBTP")}</dd>
            <dt className="text-slate-600">Profile</dt>
            <dd>{result.profile.name}</dd>
            <dt className="text-slate-600">Measured</dt>
            <dd>{formatDateTime(result.measuredAt)}</dd>
          </dl>
          {result.reasons.length > 0 ? (
            <ul className="list-disc space-y-0.5 pl-5" aria-label="QC findings">
              {result.reasons.map((reason) => (
                <li key={reason.message} className={reason.severity === "fail" ? "text-red-800" : "text-amber-800"}>
                  {reason.message}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      {canRun ? <RunQcButton uuid={uuid} /> : null}
    </div>
  );
}
