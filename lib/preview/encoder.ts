import "server-only";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { access, mkdir, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { ffmpegPath } from "@/lib/media/binaries";
import { ffmpegMessage } from "@/lib/media/ffmpeg-message";
import { evictLeastRecentlyUsed, touch } from "@/lib/media/cache";
import { ffmpegInputArgs, type MediaInput } from "@/lib/media/input";
import { SEGMENT_SECONDS, type SegmentMap } from "@/lib/preview/segments";

// The ffmpeg processes that make preview segments. One process per rendition (an asset's file in
// one mode) at a time, started at the segment a player asks for and writing the following ones in
// order; a request for a segment that is not made yet waits for it. A process is stopped when:
//   - a player asks for a segment far from where it is (a seek): a new one starts there;
//   - it is `tuning.aheadSegments` ahead of the last request (nobody needs that much yet);
//   - no segment was asked for during `tuning.idleMs` (the viewer left or paused), or the last
//     waiting request was aborted and no other came within `tuning.abortGraceMs`;
//   - the server stops (every process is killed on exit; one whose server died hard ends at its
//     next segment, as its output pipe is closed).
// At most `transcodeLimit()` transcodes run at once in this process; beyond that the caller gets
// PreviewBusy (HTTP 503 with Retry-After). Remuxes cost little CPU but are bounded too.
// Finished segments are kept in the cache (lib/media/cache.ts) and served from there.

/** A request waits for a segment the running process reaches within this many; farther is a seek. */
const REACH_SEGMENTS = 3;
export const RETRY_AFTER_SECONDS = 5;
/** When a process stops on its own (tests shorten them). */
export const tuning = {
  /** Segments ahead of the last request: nobody needs more yet. */
  aheadSegments: 12,
  /** No request for this long: the viewer left or paused. */
  idleMs: 6_000,
  /** The only waiting request was aborted (the page closed): stop unless another comes this soon. */
  abortGraceMs: 2_000,
};

/** One asset file in one preview mode: what the encoder reads, how it encodes, and where segments go. */
export interface Rendition {
  /** Names the cache entry: the asset, its file's identity and the mode. */
  key: string;
  dir: string;
  mode: "remux" | "transcode";
  input: MediaInput;
  /** Remux only: copy the audio, or re-encode it to AAC. */
  audio: "copy" | "aac";
  hasVideo: boolean;
  map: SegmentMap;
}

export class PreviewBusy extends Error {
  constructor(readonly limit: number) {
    super(
      `Every preview transcoder of this server is busy (${limit} at once); the player tries again in ${RETRY_AFTER_SECONDS} s.`,
    );
    this.name = "PreviewBusy";
  }
}

/** ffmpeg could not make the segment: the file is unreadable or not what its probe said. */
export class PreviewFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PreviewFailed";
  }
}

export function transcodeLimit(): number {
  return env.ASSET_DESK_TRANSCODES ?? Math.max(1, os.availableParallelism());
}

const segmentFileName = (index: number) => `${index}.ts`;

interface Waiter {
  index: number;
  resolve(): void;
  reject(error: Error): void;
}

class Encoder {
  readonly child: ChildProcess;
  readonly runDir: string;
  /** The highest segment written so far (start - 1 before the first). */
  produced: number;
  lastRequested: number;
  stopping = false;
  exited = false;
  private readonly waiters = new Set<Waiter>();
  private idle: NodeJS.Timeout | undefined;
  private stderr = "";
  /** Finished segments are moved into the cache one after another; the exit is handled after them. */
  private moving: Promise<void> = Promise.resolve();

  constructor(
    readonly rendition: Rendition,
    readonly start: number,
    private readonly onExit: (encoder: Encoder) => void,
  ) {
    this.produced = start - 1;
    this.lastRequested = start;
    this.runDir = path.join(rendition.dir, `run-${process.pid}-${Date.now().toString(36)}-${start}`);
    mkdirSync(this.runDir, { recursive: true });
    this.child = spawn(ffmpegPath(), encoderArgs(rendition, start, this.runDir), {
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    // The segment muxer writes each finished segment to stdout (-segment_list pipe:1): "name,start,end".
    createInterface({ input: this.child.stdout! }).on("line", (line) => {
      this.moving = this.moving.then(() => this.finished(line.trim()));
    });
    this.child.once("error", (error) => void this.moving.then(() => this.ended(error)));
    this.child.once("close", (code, signal) => {
      const where = rendition.input.kind === "file" ? rendition.input.path : rendition.input.url;
      // The answer goes to the browser: the file's path or the server's URL never does.
      const message = ffmpegMessage(this.stderr, [where]);
      const error = code === 0 ? null : new Error(message || `ffmpeg ended with ${signal ?? code}`);
      void this.moving.then(() => this.ended(error));
    });
    this.heard();
  }

  /** Whether a request is waiting on this process. */
  get busy(): boolean {
    return this.waiters.size > 0;
  }

  /** Whether a request for segment `index` should wait for this process rather than start another. */
  covers(index: number): boolean {
    return !this.exited && !this.stopping && index >= this.start && index <= this.produced + REACH_SEGMENTS;
  }

  wait(index: number, signal: AbortSignal | undefined): Promise<void> {
    this.lastRequested = Math.max(this.lastRequested, index);
    this.heard();
    if (index <= this.produced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        index,
        resolve: () => {
          signal?.removeEventListener("abort", aborted);
          resolve();
        },
        reject: (error) => {
          signal?.removeEventListener("abort", aborted);
          reject(error);
        },
      };
      const aborted = () => {
        this.waiters.delete(waiter);
        reject(signal!.reason instanceof Error ? signal!.reason : new Error("aborted"));
        // A viewer that closed the page aborts its request: stop soon unless another request comes.
        if (this.waiters.size === 0) this.heard(tuning.abortGraceMs);
      };
      if (signal?.aborted) return aborted();
      signal?.addEventListener("abort", aborted, { once: true });
      this.waiters.add(waiter);
    });
  }

  /** A request came: the process may live `tuning.idleMs` (or `within`) longer. */
  heard(within = tuning.idleMs): void {
    clearTimeout(this.idle);
    // Idle means nobody waiting either: a slow first segment is not a viewer who left.
    this.idle = setTimeout(() => (this.waiters.size > 0 ? this.heard(within) : this.stop("idle")), within);
    this.idle.unref();
  }

  stop(reason: string): void {
    if (this.exited || this.stopping) return;
    this.stopping = true;
    log.debug({ rendition: this.rendition.key, reason, produced: this.produced }, "preview encoder stopped");
    // Nothing of a stopped process is kept but its finished segments, so it need not end cleanly.
    this.child.kill("SIGKILL");
  }

  private async finished(line: string): Promise<void> {
    const [name = "", start, end] = line.split(",");
    const index = Number.parseInt(name, 10);
    if (!Number.isInteger(index)) return;
    const made = path.join(this.runDir, name);
    // A cut past the end of the media (a duration the database overstates) is a segment without packets.
    if (Number(end) <= Number(start)) return;
    // rename() replaces atomically: a reader sees the whole segment or none.
    await rename(made, path.join(this.rendition.dir, segmentFileName(index))).catch(() => undefined);
    this.produced = Math.max(this.produced, index);
    for (const waiter of [...this.waiters]) {
      if (waiter.index <= this.produced) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
    if (this.produced >= this.lastRequested + tuning.aheadSegments) this.stop("ahead");
  }

  private ended(error: Error | null): void {
    if (this.exited) return;
    this.exited = true;
    clearTimeout(this.idle);
    for (const waiter of this.waiters) {
      if (this.stopping) waiter.reject(new PreviewFailed("The preview was stopped; ask again."));
      else if (error) waiter.reject(new PreviewFailed(`ffmpeg could not make the preview: ${error.message}`));
      else waiter.reject(new PreviewFailed(`Segment ${waiter.index} lies past the end of the media.`));
    }
    this.waiters.clear();
    if (error && !this.stopping) {
      log.warn({ rendition: this.rendition.key, err: error.message }, "preview encoder failed");
    }
    void rm(this.runDir, { recursive: true, force: true });
    this.onExit(this);
  }
}

/** ffmpeg's arguments: start at segment `start` and write it and every following one into `runDir`. */
export function encoderArgs(rendition: Rendition, start: number, runDir: string): string[] {
  const { map, mode, hasVideo } = rendition;
  const offset = map.starts[start] ?? 0;
  // The cuts after the first, as times on the output's clock (which -output_ts_offset puts on the media's).
  const cuts = map.starts.slice(start + 1);
  const video = !hasVideo
    ? []
    : mode === "remux"
      ? ["-map", "0:V:0", "-c:v", "copy"]
      : [
          "-map",
          "0:V:0",
          // Interlaced frames (broadcast MPEG-2) are deinterlaced; at most 720 lines, 8-bit 4:2:0.
          "-vf",
          "yadif=deint=interlaced,scale=-2:'trunc(min(720,ih)/2)*2',format=yuv420p",
          "-c:v",
          "libx264",
          "-preset",
          "veryfast",
          "-crf",
          "23",
          "-maxrate",
          "4M",
          "-bufsize",
          "8M",
          "-sc_threshold",
          "0",
          // A keyframe at every cut, so each segment starts with one.
          "-force_key_frames",
          `expr:gte(t,n_forced*${SEGMENT_SECONDS})`,
        ];
  const audio =
    mode === "remux" && rendition.audio === "copy"
      ? ["-map", "0:a:0?", "-c:a", "copy"]
      : ["-map", "0:a:0?", "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-ar", "48000"];
  return [
    "-hide_banner",
    "-nostdin",
    "-v",
    "error",
    ...(offset > 0 ? ["-ss", offset.toFixed(6)] : []),
    ...ffmpegInputArgs(rendition.input),
    ...video,
    ...audio,
    "-sn",
    "-dn",
    "-output_ts_offset",
    offset.toFixed(6),
    "-f",
    "segment",
    "-segment_format",
    "mpegts",
    ...(cuts.length ? ["-segment_times", cuts.map((cut) => cut.toFixed(6)).join(",")] : ["-segment_time", "86400"]),
    "-segment_time_delta",
    "0.01",
    "-segment_start_number",
    String(start),
    "-segment_list",
    "pipe:1",
    "-segment_list_type",
    "csv",
    path.join(runDir, "%d.ts"),
  ];
}

interface Registry {
  encoders: Set<Encoder>;
  exitHook: boolean;
}

// Kept on globalThis so the dev server's module reloads still see (and can stop) running processes.
const registry = ((globalThis as unknown as { assetDeskPreviewEncoders?: Registry }).assetDeskPreviewEncoders ??= {
  encoders: new Set(),
  exitHook: false,
});

const live = () => [...registry.encoders].filter((encoder) => !encoder.exited && !encoder.stopping);
const liveOf = (key: string) => live().filter((encoder) => encoder.rendition.key === key);

function running(mode: Rendition["mode"]): number {
  return live().filter((encoder) => encoder.rendition.mode === mode).length;
}

function limitOf(mode: Rendition["mode"]): number {
  return mode === "transcode" ? transcodeLimit() : 4 * transcodeLimit();
}

/** Whether a player could be served now: the rendition has a process, or another may start. */
export function hasCapacity(rendition: Pick<Rendition, "key" | "mode">): boolean {
  return liveOf(rendition.key).length > 0 || running(rendition.mode) < limitOf(rendition.mode);
}

/** The running encoders' process ids (for tests and diagnostics). */
export function runningEncoders(): { key: string; pid: number | undefined; mode: Rendition["mode"]; start: number }[] {
  return [...registry.encoders]
    .filter((encoder) => !encoder.exited)
    .map((encoder) => ({
      key: encoder.rendition.key,
      pid: encoder.child.pid,
      mode: encoder.rendition.mode,
      start: encoder.start,
    }));
}

/** Stops every encoder of this process (server shutdown, tests). */
export function stopAllEncoders(): void {
  for (const encoder of registry.encoders) encoder.stop("shutdown");
}

function startEncoder(rendition: Rendition, start: number): Encoder {
  if (!registry.exitHook) {
    registry.exitHook = true;
    // Synchronous: kill() only sends the signal, which is all an exiting process can still do.
    process.once("exit", stopAllEncoders);
  }
  const encoder = new Encoder(rendition, start, (ended) => registry.encoders.delete(ended));
  registry.encoders.add(encoder);
  log.debug({ rendition: rendition.key, start, mode: rendition.mode }, "preview encoder started");
  const inUse = new Set([...registry.encoders].map((running) => running.rendition.key));
  void evictLeastRecentlyUsed("preview", { inUse }).catch((error: unknown) =>
    log.warn({ err: error }, "preview cache eviction failed"),
  );
  return encoder;
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * The path of segment `index` of the rendition once it exists: from the cache, from a running
 * encoder that will reach it soon, or from one started for it. A process of the same rendition
 * that nobody is waiting on is moved (the viewer seeked); one that someone waits on keeps going (a
 * second viewer elsewhere in the file gets a process of their own). Throws PreviewBusy when the
 * limit is reached, PreviewFailed when ffmpeg fails, and the signal's reason when the request is
 * aborted.
 */
export async function segmentPath(rendition: Rendition, index: number, signal?: AbortSignal): Promise<string> {
  if (!Number.isInteger(index) || index < 0 || index >= rendition.map.starts.length) {
    throw new PreviewFailed(`This preview has segments 0 to ${rendition.map.starts.length - 1}.`);
  }
  const file = path.join(rendition.dir, segmentFileName(index));
  const own = liveOf(rendition.key);
  if (await exists(file)) {
    // The player is here now: keep the process serving it near (it stops when too far ahead).
    const near = own.find((encoder) => index >= encoder.start && index <= encoder.produced + tuning.aheadSegments);
    if (near) {
      near.lastRequested = Math.max(near.lastRequested, index);
      near.heard();
    }
    await touch(rendition.dir);
    return file;
  }
  let encoder = own.find((candidate) => candidate.covers(index));
  if (!encoder) {
    for (const idle of own.filter((candidate) => !candidate.busy)) idle.stop("seek");
    if (running(rendition.mode) >= limitOf(rendition.mode)) throw new PreviewBusy(limitOf(rendition.mode));
    await mkdir(rendition.dir, { recursive: true });
    encoder = startEncoder(rendition, index);
  }
  await encoder.wait(index, signal);
  if (!(await exists(file))) throw new PreviewFailed(`Segment ${index} could not be written to the preview cache.`);
  return file;
}
