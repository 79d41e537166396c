import "server-only";
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db";
import { visibleAssets } from "@/lib/assets/scope";
import type { Viewer } from "@/lib/assets/visibility";
import { loadMediaRoots, type MediaRoots } from "@/lib/assets/media-roots";
import { cacheDir } from "@/lib/media/cache";
import type { MediaInput } from "@/lib/media/input";
import { describeInput, resolveMediaInput, type ResolvedMediaInput } from "@/lib/media/resolve-input";
import { KnownError } from "@/lib/errors";
import { keyframeTimes } from "@/lib/preview/keyframes";
import type { Rendition } from "@/lib/preview/encoder";
import { previewPlan, type PreviewPlan } from "@/lib/preview/plan";
import { keyframeSegments, uniformSegments, type SegmentMap } from "@/lib/preview/segments";

// An asset's preview as the server sees it: which way it plays (lib/preview/plan.ts), where its
// bytes come from (its file inside the media roots, or the Plex/Jellyfin server that lists it), and
// for remux and transcode the rendition the encoder makes (lib/preview/encoder.ts). Every route and
// the detail page go through loadPreview, so all of them apply the same visibility and root rules.

/** Bump when the encoder's settings change, so cached segments of the old settings are not mixed in. */
const RENDITION_VERSION = "v1";

export type PreviewSource = { kind: "file" } | { kind: "provider"; provider: "plex" | "jellyfin"; label: string };

export interface AssetPreview {
  uuid: string;
  plan: PreviewPlan;
  /** Null when nothing can serve the bytes, or there is no need to look (`plan` is "none" with the reason). */
  input: ResolvedMediaInput | null;
  /** The format could be previewed, but neither the file nor a Plex/Jellyfin server can be read. */
  unreachable: boolean;
  source: PreviewSource | null;
  durationMs: number | null;
  hasVideo: boolean;
  /** Changes when the file changes; segment URLs carry it so a stale playlist is not mixed with a new file. */
  identity: string;
  /** The media roots this answer was checked against (the media route opens the file within them). */
  roots: MediaRoots;
}

const UNREACHABLE =
  "The asset's file cannot be read here: it is missing, unreadable, or outside every source's folders, and no Plex or Jellyfin server lists it.";

/** The preview of an asset this viewer may see; null when there is no such asset (or it is hidden from them). */
export async function loadPreview(db: Db, uuid: string, viewer: Viewer): Promise<AssetPreview | null> {
  const asset = await db.asset.findFirst({
    where: { uuid, ...visibleAssets(viewer) },
    select: {
      id: true,
      uuid: true,
      uri: true,
      container: true,
      videoCodec: true,
      audioCodec: true,
      durationMs: true,
      hashSha256: true,
      size: true,
      fileMtime: true,
    },
  });
  if (!asset) return null;
  const identity = createHash("sha256")
    .update(asset.hashSha256 ?? `${asset.uri}\0${asset.size}\0${asset.fileMtime?.toISOString() ?? ""}`)
    .digest("hex")
    .slice(0, 16);
  const roots = await loadMediaRoots(db);
  const base = { uuid: asset.uuid, durationMs: asset.durationMs, hasVideo: Boolean(asset.videoCodec), identity, roots };
  let plan = previewPlan(asset);
  if (plan.mode === "none") return { ...base, plan, input: null, source: null, unreachable: false };
  let input: ResolvedMediaInput | null;
  try {
    input = await resolveMediaInput(db, asset, roots);
  } catch (error) {
    // A source that cannot be used (a secret stored under another key): say what an admin can fix.
    if (!(error instanceof KnownError)) throw error;
    return { ...base, plan: { mode: "none", why: error.message }, input: null, source: null, unreachable: true };
  }
  if (!input) {
    return { ...base, plan: { mode: "none", why: UNREACHABLE }, input: null, source: null, unreachable: true };
  }
  if (plan.mode !== "direct" && !asset.durationMs) {
    plan = { mode: "none", why: "The file's duration is unknown, so the desk cannot cut it into preview segments." };
  }
  const source: PreviewSource =
    input.kind === "file"
      ? { kind: "file" }
      : { kind: "provider", provider: input.provider, label: describeInput(input) };
  return { ...base, plan, input, source, unreachable: false };
}

/** The rendition an encoder makes for a remux or transcode preview (keyframes are listed once and cached). */
export async function renditionOf(preview: AssetPreview, signal?: AbortSignal): Promise<Rendition> {
  const { plan, input, durationMs } = preview;
  if ((plan.mode !== "remux" && plan.mode !== "transcode") || !input || !durationMs) {
    throw new Error(`asset ${preview.uuid} has no encoded preview`);
  }
  const key = `${preview.uuid}-${preview.identity}-${plan.mode}-${RENDITION_VERSION}`;
  const dir = path.join(cacheDir("preview"), key);
  const duration = durationMs / 1000;
  const { hasVideo } = preview;
  const map: SegmentMap =
    plan.mode === "remux" && hasVideo
      ? keyframeSegments(await cachedKeyframes(dir, input, signal), duration)
      : uniformSegments(duration);
  return { key, dir, mode: plan.mode, input, audio: plan.mode === "remux" ? plan.audio : "aac", hasVideo, map };
}

async function cachedKeyframes(dir: string, input: MediaInput, signal?: AbortSignal): Promise<number[]> {
  const file = path.join(dir, "keyframes.json");
  const cached = await readFile(file, "utf8").then(
    (text) => JSON.parse(text) as unknown,
    () => null,
  );
  if (Array.isArray(cached) && cached.every((value) => typeof value === "number")) return cached;
  const times = await keyframeTimes(input, signal);
  await mkdir(dir, { recursive: true });
  await writeFile(file, JSON.stringify(times));
  return times;
}

/** The JSON answer of the preview route and what the player is given. */
export function previewView(preview: AssetPreview) {
  const { plan, source, uuid } = preview;
  const base = `/api/v1/assets/${uuid}`;
  return {
    mode: plan.mode,
    why: source?.kind === "provider" ? `${plan.why}, from ${source.label}` : plan.why,
    source: source ? (source.kind === "file" ? "file" : source.provider) : null,
    url: plan.mode === "none" ? null : plan.mode === "direct" ? `${base}/media` : `${base}/preview/index.m3u8`,
    durationMs: preview.durationMs,
  } as const;
}

export type PreviewView = ReturnType<typeof previewView>;
