import { describe, expect, it } from "vitest";
import { qcVerdict, type QcFigures, type QcThresholds } from "@/lib/qc/verdict";

const ebu: QcThresholds = {
  targetLufs: -23,
  toleranceLu: 1,
  maxTruePeakDbtp: -1,
  blackMinS: 1,
  silenceMinS: 2,
  edgeS: 2,
  freezeMinS: 2,
};
const clean: QcFigures = {
  integratedLufs: -23.4,
  truePeakDbtp: -3,
  events: [],
  error: null,
  hasAudio: true,
  durationMs: 60_000,
};

describe("qcVerdict", () => {
  it("passes a file within every threshold", () => {
    expect(qcVerdict(ebu, clean)).toEqual({ verdict: "pass", reasons: [] });
  });

  it("fails loudness outside the tolerance, and a true peak above the maximum", () => {
    const result = qcVerdict(ebu, { ...clean, integratedLufs: -14.2, truePeakDbtp: -0.5 });
    expect(result.verdict).toBe("fail");
    expect(result.reasons.map((r) => r.message)).toEqual([
      "Loudness -14.2 LUFS is outside -23 ± 1 LU.",
      "True peak -0.5 dBTP is above -1 dBTP.",
    ]);
  });

  it("takes the tolerance as inclusive", () => {
    expect(qcVerdict(ebu, { ...clean, integratedLufs: -24 }).verdict).toBe("pass");
    expect(qcVerdict(ebu, { ...clean, integratedLufs: -24.1 }).verdict).toBe("fail");
  });

  it("fails black and silence longer than allowed, but not within the first and last seconds", () => {
    const events = [
      { kind: "black" as const, startMs: 0, endMs: 2500 }, // 0.5 s past the edge: allowed
      { kind: "black" as const, startMs: 20_000, endMs: 25_000 },
      { kind: "silence" as const, startMs: 30_000, endMs: 31_500 }, // shorter than 2 s
      { kind: "silence" as const, startMs: 56_000, endMs: 60_000 }, // 2 s before the last 2 s
    ];
    const result = qcVerdict(ebu, { ...clean, events });
    expect(result.verdict).toBe("fail");
    expect(result.reasons).toEqual([{ severity: "fail", message: "Black for 5.0 s at 0:20 (longer than 1 s)." }]);
  });

  it("warns of a long still picture and of a file without sound", () => {
    const result = qcVerdict(ebu, {
      ...clean,
      integratedLufs: null,
      truePeakDbtp: null,
      hasAudio: false,
      events: [{ kind: "freeze", startMs: 0, endMs: 3000 }],
    });
    expect(result).toEqual({
      verdict: "warn",
      reasons: [
        { severity: "warn", message: "No sound to measure the loudness of." },
        { severity: "warn", message: "Still picture for 3.0 s at 0:00 (longer than 2 s)." },
      ],
    });
  });

  it("fails a file the QC could not read, with its error", () => {
    expect(qcVerdict(ebu, { ...clean, error: "ffmpeg could not read the file." })).toEqual({
      verdict: "fail",
      reasons: [{ severity: "fail", message: "QC could not check the file: ffmpeg could not read the file." }],
    });
  });
});
