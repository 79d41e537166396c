import "server-only";
import { spawn } from "node:child_process";
import { ffmpegPath } from "@/lib/media/binaries";
import { unreadableFileMessage } from "@/lib/media/ffmpeg-message";
import { ffmpegInputArgs, type MediaInput } from "@/lib/media/input";
import type { QcEvent, QcEventKind, QcMeasurements } from "@/lib/qc/types";

// QC reads an asset once: one ffmpeg decode with every detector in the same filter graph.
//   picture: decimated to 5 frames/s and averaged down to 160 px wide (area scaling, which also
//            evens out the coding noise that would split a still picture into pieces) before
//            blackdetect and freezedetect, so they cost little beside the decode (precision: 0.2 s);
//   sound:   ebur128 (integrated loudness, loudness range, true peak) and silencedetect.
// The detectors report every stretch of at least MIN_EVENT_S; the profile's thresholds are applied
// later (lib/qc/verdict.ts), so one analysis serves every profile.

/** The analysis could not be made; `message` is safe to show and store (never a path or URL). */
export class QcError extends Error {
  constructor(
    readonly code: "timeout" | "unreadable" | "no_streams" | "setup",
    message: string,
  ) {
    super(message);
    this.name = "QcError";
  }
}

/** Shortest stretch the detectors report (seconds); profiles ask for longer ones. */
const MIN_EVENT_S = 0.5;
/** Frames per second the picture detectors see. */
const PICTURE_FPS = 5;
/** ebur128 reports this when nothing passed its absolute gate. */
const GATE_LUFS = -70;

export interface AnalyzeOptions {
  hasVideo: boolean;
  hasAudio: boolean;
  /** The probed duration: a stretch still open at the end of the file ends there. */
  durationMs: number | null;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** The filter graph for the streams the asset has; exported for the benchmark. */
export function qcFilterGraph(streams: { hasVideo: boolean; hasAudio: boolean }): string {
  const parts: string[] = [];
  if (streams.hasVideo)
    parts.push(
      `[0:v:0]fps=${PICTURE_FPS},scale=160:-2:flags=area,` +
        `blackdetect=d=${MIN_EVENT_S}:pix_th=0.10,freezedetect=n=-60dB:d=${MIN_EVENT_S}[v]`,
    );
  if (streams.hasAudio)
    parts.push(`[0:a:0]ebur128=peak=true:framelog=verbose,silencedetect=n=-50dB:d=${MIN_EVENT_S}[a]`);
  return parts.join(";");
}

/** ffmpeg's arguments: one pass, the graph's outputs thrown away. */
export function qcArgs(input: MediaInput, streams: { hasVideo: boolean; hasAudio: boolean }): string[] {
  return [
    "-hide_banner",
    "-nostdin",
    "-nostats",
    "-v",
    "info",
    ...ffmpegInputArgs(input),
    "-filter_complex",
    qcFilterGraph(streams),
    ...(streams.hasVideo ? ["-map", "[v]"] : []),
    ...(streams.hasAudio ? ["-map", "[a]"] : []),
    "-f",
    "null",
    "-",
  ];
}

/** Runs the analysis; throws QcError for a file ffmpeg cannot read (or a timeout). */
export async function analyzeMedia(input: MediaInput, options: AnalyzeOptions): Promise<QcMeasurements> {
  if (!options.hasVideo && !options.hasAudio)
    throw new QcError("no_streams", "The file has neither video nor audio to check.");
  const lines = await runFfmpeg(qcArgs(input, options), options);
  return parseQcLog(lines, options.durationMs);
}

/** Reads the detectors' lines and ebur128's summary out of ffmpeg's log. */
export function parseQcLog(lines: readonly string[], durationMs: number | null = null): QcMeasurements {
  const events: QcEvent[] = [];
  const open: Partial<Record<QcEventKind, number>> = {};
  const summary: Record<string, number> = {};
  let section = "";
  const ms = (seconds: string) => Math.round(Number(seconds) * 1000);
  for (const line of lines) {
    let match = /black_start:\s*([\d.]+)\s+black_end:\s*([\d.]+)/.exec(line);
    if (match) events.push({ kind: "black", startMs: ms(match[1]!), endMs: ms(match[2]!) });
    else if ((match = /(silence|freeze)(?:detect\.freeze)?_start:\s*(-?[\d.e+-]+)/.exec(line)))
      open[kindOf(match[1]!)] = Math.max(0, ms(match[2]!));
    else if ((match = /(silence|freeze)(?:detect\.freeze)?_end:\s*([\d.e+-]+)/.exec(line))) {
      const kind = kindOf(match[1]!);
      if (open[kind] !== undefined) events.push({ kind, startMs: open[kind]!, endMs: ms(match[2]!) });
      delete open[kind];
    } else if ((match = /^\s*(Integrated loudness|Loudness range|True peak):/.exec(line))) section = match[1]!;
    else if ((match = /^\s*(I|LRA|Peak):\s*(-?[\d.]+|-inf)/.exec(line)))
      summary[`${section}/${match[1]}`] = match[2] === "-inf" ? -Infinity : Number(match[2]);
  }
  // freezedetect writes no end line for a still picture that lasts to the end of the file.
  for (const [kind, startMs] of Object.entries(open) as [QcEventKind, number][])
    if (durationMs !== null && durationMs > startMs) events.push({ kind, startMs, endMs: durationMs });
  const integrated = summary["Integrated loudness/I"];
  const peak = summary["True peak/Peak"];
  return {
    integratedLufs: integrated === undefined || integrated <= GATE_LUFS ? null : integrated,
    loudnessRangeLu:
      integrated === undefined || integrated <= GATE_LUFS ? null : (summary["Loudness range/LRA"] ?? null),
    truePeakDbtp: peak === undefined || !Number.isFinite(peak) ? null : peak,
    events: withoutFreezeInBlack(events).sort((a, b) => a.startMs - b.startMs || a.kind.localeCompare(b.kind)),
  };
}

const kindOf = (word: string): QcEventKind => (word === "silence" ? "silence" : "freeze");

// A black picture is also a still one: a freeze lying within a black stretch is that black stretch.
function withoutFreezeInBlack(events: QcEvent[]): QcEvent[] {
  const blacks = events.filter((event) => event.kind === "black");
  const slack = 1000 / PICTURE_FPS;
  return events.filter(
    (event) =>
      event.kind !== "freeze" ||
      !blacks.some((black) => event.startMs >= black.startMs - slack && event.endMs <= black.endMs + slack),
  );
}

function runFfmpeg(args: string[], { timeoutMs, signal }: AnalyzeOptions): Promise<string[]> {
  const binary = ffmpegPath();
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe"], signal, windowsHide: true });
    // Only the lines the parser reads, plus the first complaint: a broken file can log millions.
    const kept: string[] = [];
    let complaint: string | undefined;
    let rest = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      const parts = (rest + chunk).split(/\r?\n/);
      rest = parts.pop() ?? "";
      for (const line of parts) {
        if (/detect|Integrated|Loudness range|True peak|^\s*(I|LRA|Peak):/.test(line)) kept.push(line);
        else if (!complaint && /error|invalid|no such|not found|denied|could not/i.test(line)) complaint = line;
      }
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    let timedOut = false;
    timer.unref();
    child.on("error", (error) => {
      clearTimeout(timer);
      if (signal?.aborted) reject(error);
      else reject(new QcError("setup", `Cannot run ffmpeg (${binary}): ${error.message}`));
    });
    child.on("close", (code, killedBy) => {
      clearTimeout(timer);
      timedOut = killedBy === "SIGKILL" && !signal?.aborted;
      if (signal?.aborted) return;
      if (timedOut)
        reject(new QcError("timeout", `ffmpeg did not finish the QC within ${Math.round(timeoutMs / 1000)} s.`));
      else if (code !== 0) reject(new QcError("unreadable", unreadableFileMessage(complaint ?? rest)));
      else resolve(rest ? [...kept, rest] : kept);
    });
  });
}
