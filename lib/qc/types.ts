// QC's shapes, client-safe: the analysis (server) makes them, the verdict, the REST API and the
// detail page's timeline read them.

export const QC_EVENT_KINDS = ["black", "silence", "freeze"] as const;
export type QcEventKind = (typeof QC_EVENT_KINDS)[number];

export interface QcEvent {
  kind: QcEventKind;
  startMs: number;
  endMs: number;
}

export interface QcMeasurements {
  /** Integrated loudness (LUFS); null without audio or when all of it lies below the −70 LUFS gate. */
  integratedLufs: number | null;
  /** Loudness range (LU). */
  loudnessRangeLu: number | null;
  /** Maximum true peak (dBTP). */
  truePeakDbtp: number | null;
  events: QcEvent[];
}

export type QcVerdictValue = "pass" | "warn" | "fail";
