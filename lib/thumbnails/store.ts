import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
// Aliased: a function named use… reads as a React hook to the linter.
import { cacheDir, evictLeastRecentlyUsed, touch, useEntry as openEntry } from "@/lib/media/cache";
import { log } from "@/lib/log";
import { POSTER_FILE, STRIP_FILE } from "@/lib/thumbnails/render";
import type { StripLayout } from "@/lib/thumbnails/layout";

// Where an asset's pictures live: cacheDir("thumbnails")/<asset uuid>/ with poster.jpg, strip.jpg
// and meta.json, which says which file they were made from (its fingerprint: the sha256, else size
// and modification time) and how the strip is laid out. meta.json is written last, so its presence
// means both pictures are there; pictures whose fingerprint is not the asset's are stale. A failure
// is recorded as failed.json with the same fingerprint, so the routes do not queue a file that
// cannot be read again and again.

export const META_FILE = "meta.json";
const FAILED_FILE = "failed.json";
/** Bumped when the pictures are made differently: older entries are then made again. */
export const THUMBNAIL_VERSION = 1;

const metaSchema = z.object({
  version: z.number(),
  fingerprint: z.string(),
  sha256: z.string().nullable(),
  size: z.string(),
  fileMtime: z.string().nullable(),
  durationMs: z.number(),
  tiles: z.number().int(),
  intervalMs: z.number(),
  columns: z.number().int(),
  rows: z.number().int(),
  tileWidth: z.number().int(),
  tileHeight: z.number().int(),
  madeAt: z.string(),
});
export type ThumbnailMeta = z.infer<typeof metaSchema>;

const failureSchema = z.object({ fingerprint: z.string(), reason: z.string(), at: z.string() });

/** What identifies the file the pictures are made from. */
export interface FileIdentity {
  hashSha256: string | null;
  size: bigint;
  fileMtime: Date | null;
}

export function fingerprintOf(file: FileIdentity): string {
  const content = file.hashSha256 ?? `size:${file.size}:mtime:${file.fileMtime?.toISOString() ?? "unknown"}`;
  return `v${THUMBNAIL_VERSION}:${content}`;
}

export function entryDir(uuid: string): string {
  return path.join(cacheDir("thumbnails"), uuid);
}

async function readJson<T>(file: string, schema: z.ZodType<T>): Promise<T | null> {
  try {
    const parsed = schema.safeParse(JSON.parse(await readFile(file, "utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type ThumbnailState =
  { kind: "ready"; dir: string; meta: ThumbnailMeta } | { kind: "failed"; reason: string } | { kind: "missing" };

/** Whether pictures of exactly this file are in the cache (or could not be made from it). */
export async function thumbnailState(uuid: string, file: FileIdentity): Promise<ThumbnailState> {
  const dir = entryDir(uuid);
  const fingerprint = fingerprintOf(file);
  const meta = await readJson(path.join(dir, META_FILE), metaSchema);
  if (meta?.fingerprint === fingerprint) return { kind: "ready", dir, meta };
  const failure = await readJson(path.join(dir, FAILED_FILE), failureSchema);
  if (failure?.fingerprint === fingerprint) return { kind: "failed", reason: failure.reason };
  return { kind: "missing" };
}

/** Marks the entry as just used (its place in the eviction order). */
export const markUsed = (dir: string) => touch(dir);

/**
 * Makes the pictures in a private folder inside the entry by `render`, then moves them into place
 * (each rename is atomic; meta.json last), so readers never see half a file.
 */
export async function storeThumbnails(
  uuid: string,
  file: FileIdentity & { durationMs: number },
  layout: StripLayout,
  render: (dir: string) => Promise<void>,
): Promise<ThumbnailMeta> {
  const dir = await openEntry("thumbnails", uuid);
  const work = path.join(dir, `.work-${randomUUID()}`);
  await mkdir(work);
  try {
    await render(work);
    const meta: ThumbnailMeta = {
      version: THUMBNAIL_VERSION,
      fingerprint: fingerprintOf(file),
      sha256: file.hashSha256,
      size: String(file.size),
      fileMtime: file.fileMtime?.toISOString() ?? null,
      durationMs: file.durationMs,
      ...layout,
      madeAt: new Date().toISOString(),
    };
    await writeFile(path.join(work, META_FILE), JSON.stringify(meta, null, 2));
    for (const name of [POSTER_FILE, STRIP_FILE, META_FILE])
      await rename(/* turbopackIgnore: true */ path.join(work, name), /* turbopackIgnore: true */ path.join(dir, name));
    await rm(path.join(dir, FAILED_FILE), { force: true });
    return meta;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Records that no pictures can be made from this file (the reason must not name its path). */
export async function storeFailure(uuid: string, file: FileIdentity, reason: string): Promise<void> {
  const dir = await openEntry("thumbnails", uuid);
  const failure = { fingerprint: fingerprintOf(file), reason, at: new Date().toISOString() };
  await writeFile(path.join(dir, FAILED_FILE), JSON.stringify(failure));
}

const EVICTION_EVERY_MS = 10_000;
let lastEviction = 0;
type Eviction = Awaited<ReturnType<typeof evictLeastRecentlyUsed>>;
let evicting: Promise<Eviction> | null = null;

/**
 * Keeps the thumbnails folder under ASSET_DESK_THUMBNAIL_CACHE_MB, least recently used first. The
 * folder is walked whole, so after a write this runs at most every ten seconds per process (a bulk
 * request writes many entries in a row); `force` runs it now.
 */
export async function enforceThumbnailCap(
  options: { keep?: string; force?: boolean; capBytes?: number } = {},
): Promise<Eviction | null> {
  if (evicting) return evicting;
  if (!options.force && Date.now() - lastEviction < EVICTION_EVERY_MS) return null;
  lastEviction = Date.now();
  evicting = evictLeastRecentlyUsed("thumbnails", {
    capBytes: options.capBytes,
    inUse: options.keep ? new Set([options.keep]) : undefined,
  })
    .then((result) => {
      if (result.removed > 0) log.info({ removed: result.removed, bytes: result.bytes }, "thumbnail cache evicted");
      return result;
    })
    .finally(() => {
      evicting = null;
    });
  return evicting;
}
