import type { QcEvent, QcEventKind } from "@/lib/qc/types";

// The verdict of a QC result under a profile, one pure function (docs/qc.md, "Verdict rules"):
//   fail  integrated loudness outside target ± tolerance; true peak above the maximum; black or
//         silence longer than the profile allows; a file the QC could not read;
//   warn  a still picture longer than the profile allows (often intended: slates, stills), and a
//         file without sound, whose loudness cannot be measured;
//   pass  none of these.
// Black and silence are counted only between the first and the last `edgeS` seconds (lead-in and
// run-out are normal); a freeze is counted wherever it lies.

export type Verdict = "pass" | "warn" | "fail";

export interface QcThresholds {
  targetLufs: number;
  toleranceLu: number;
  maxTruePeakDbtp: number;
  blackMinS: number;
  silenceMinS: number;
  edgeS: number;
  freezeMinS: number;
}

export interface QcFigures {
  integratedLufs: number | null;
  truePeakDbtp: number | null;
  events: QcEvent[];
  error: string | null;
  hasAudio: boolean;
  durationMs: number | null;
}

export interface VerdictReason {
  severity: "warn" | "fail";
  message: string;
}

const NAMES: Record<QcEventKind, string> = { black: "Black", silence: "Silence", freeze: "Still picture" };
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const at = (ms: number) => {
  const total = Math.floor(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
};

export function qcVerdict(profile: QcThresholds, figures: QcFigures): { verdict: Verdict; reasons: VerdictReason[] } {
  const reasons: VerdictReason[] = [];
  if (figures.error !== null)
    reasons.push({ severity: "fail", message: `QC could not check the file: ${figures.error}` });
  else {
    const { integratedLufs: lufs, truePeakDbtp: peak } = figures;
    if (lufs !== null && Math.abs(lufs - profile.targetLufs) > profile.toleranceLu)
      reasons.push({
        severity: "fail",
        message: `Loudness ${lufs.toFixed(1)} LUFS is outside ${profile.targetLufs} ± ${profile.toleranceLu} LU.`,
      });
    if (lufs === null && !figures.hasAudio)
      reasons.push({ severity: "warn", message: "No sound to measure the loudness of." });
    if (peak !== null && peak > profile.maxTruePeakDbtp)
      reasons.push({
        severity: "fail",
        message: `True peak ${peak.toFixed(1)} dBTP is above ${profile.maxTruePeakDbtp} dBTP.`,
      });
    for (const event of figures.events) {
      const counted = countedSpan(event, profile, figures.durationMs);
      const limitS = { black: profile.blackMinS, silence: profile.silenceMinS, freeze: profile.freezeMinS }[event.kind];
      if (counted <= limitS * 1000) continue;
      reasons.push({
        severity: event.kind === "freeze" ? "warn" : "fail",
        message: `${NAMES[event.kind]} for ${seconds(event.endMs - event.startMs)} at ${at(event.startMs)} (longer than ${limitS} s).`,
      });
    }
  }
  const verdict = reasons.some((r) => r.severity === "fail") ? "fail" : reasons.length > 0 ? "warn" : "pass";
  return { verdict, reasons };
}

/** How much of the event counts: black and silence only outside the first and last edgeS seconds. */
function countedSpan(event: QcEvent, profile: QcThresholds, durationMs: number | null): number {
  if (event.kind === "freeze") return event.endMs - event.startMs;
  const edge = profile.edgeS * 1000;
  const start = Math.max(event.startMs, edge);
  const end = durationMs === null ? event.endMs : Math.min(event.endMs, durationMs - edge);
  return Math.max(0, end - start);
}
