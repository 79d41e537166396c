import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeMedia, QcError } from "@/lib/qc/analyze";
import { DEFECTS, makeQcClip, referenceLoudness } from "@/lib/testing/qc-fixtures";

// The one-pass analysis on clips made with known defects: exactly those events, the loudness that
// ffmpeg's own ebur128 reports, and nothing on a clean clip.

let dir: string;
const streams = { hasVideo: true, hasAudio: true, durationMs: 20_000, timeoutMs: 60_000 };
const file = (name: string) => ({ kind: "file" as const, path: path.join(dir, name) });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-qc-"));
  await Promise.all([
    makeQcClip(path.join(dir, "defects.mp4"), "defects"),
    makeQcClip(path.join(dir, "clean.mp4"), "clean"),
  ]);
  await writeFile(path.join(dir, "broken.mp4"), Buffer.alloc(4096, 7));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("analyzeMedia", () => {
  it("finds the black, the silence and the frozen stretch, and the tone's loudness", async () => {
    const result = await analyzeMedia(file("defects.mp4"), streams);
    const found = result.events.map(({ kind, startMs, endMs }) => ({ kind, startMs, endMs }));
    expect(found).toHaveLength(3);
    for (const [kind, expected] of Object.entries(DEFECTS)) {
      const event = found.find((candidate) => candidate.kind === kind);
      expect(event, kind).toBeDefined();
      // The picture detectors see 5 frames per second: 200 ms is their precision.
      expect(Math.abs(event!.startMs - expected.startMs), kind).toBeLessThanOrEqual(200);
      expect(Math.abs(event!.endMs - expected.endMs), kind).toBeLessThanOrEqual(200);
    }
    const reference = await referenceLoudness(path.join(dir, "defects.mp4"));
    expect(Math.abs(result.integratedLufs! - reference)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(result.integratedLufs! - -14)).toBeLessThanOrEqual(0.5);
    expect(result.truePeakDbtp).toBeGreaterThan(-12);
    expect(result.truePeakDbtp).toBeLessThan(-9);
    expect(result.loudnessRangeLu).not.toBeNull();
  });

  it("finds nothing on a clean clip", async () => {
    const result = await analyzeMedia(file("clean.mp4"), streams);
    expect(result.events).toEqual([]);
    expect(
      Math.abs(result.integratedLufs! - (await referenceLoudness(path.join(dir, "clean.mp4")))),
    ).toBeLessThanOrEqual(0.5);
  });

  it("measures the sound alone when the asset has no video", async () => {
    const result = await analyzeMedia(file("defects.mp4"), { ...streams, hasVideo: false });
    expect(result.events.map((event) => event.kind)).toEqual(["silence"]);
  });

  it("gives a QC error, never a path, for a file ffmpeg cannot read", async () => {
    const error = await analyzeMedia(file("broken.mp4"), streams).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QcError);
    expect((error as QcError).code).toBe("unreadable");
    expect((error as QcError).message).not.toContain(dir);
  });
});
