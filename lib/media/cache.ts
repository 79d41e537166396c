import "server-only";
import { mkdir, readdir, rm, stat, utimes } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { env } from "@/lib/env";

// The desk's file cache: preview segments and thumbnails, each kind in its own folder with its own
// size cap. An entry is a folder (one per asset file and rendition); its modification time says
// when it was last used, and the least recently used entries are removed first when a kind grows
// past its cap. Everything here can be made again from the media files, so losing it is harmless.

export type CacheKind = "preview" | "thumbnails";

/** ASSET_DESK_CACHE_DIR, else `cache` in the data folder; an in-memory database caches under the system temp folder. */
export function cacheRoot(): string {
  if (env.ASSET_DESK_CACHE_DIR) return path.resolve(env.ASSET_DESK_CACHE_DIR);
  if (env.ASSET_DESK_DATA_DIR.startsWith("memory://")) return path.join(os.tmpdir(), `asset-desk-cache-${process.pid}`);
  return path.resolve(env.ASSET_DESK_DATA_DIR, "cache");
}

export function cacheDir(kind: CacheKind): string {
  return path.join(cacheRoot(), kind);
}

export function cacheCapBytes(kind: CacheKind): number {
  const megabytes = kind === "preview" ? env.ASSET_DESK_PREVIEW_CACHE_MB : env.ASSET_DESK_THUMBNAIL_CACHE_MB;
  return megabytes * 1024 * 1024;
}

/** The folder of one entry, created when missing and marked as used now. */
export async function useEntry(kind: CacheKind, name: string): Promise<string> {
  const dir = path.join(cacheDir(kind), name);
  await mkdir(dir, { recursive: true });
  await touch(dir);
  return dir;
}

/** Marks an entry as used now (its place in the least-recently-used order). */
export async function touch(dir: string): Promise<void> {
  const now = new Date();
  await utimes(dir, now, now).catch(() => undefined);
}

interface Entry {
  dir: string;
  usedAt: number;
  bytes: number;
}

async function entrySize(dir: string): Promise<number> {
  const files = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const sizes = await Promise.all(
    files.map((file) => {
      const at = path.join(dir, file.name);
      return file.isDirectory()
        ? entrySize(at)
        : stat(at).then(
            (info) => info.size,
            () => 0,
          );
    }),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}

/**
 * Removes the least recently used entries of a kind until it fits its cap; entries named in
 * `inUse` (being written or read now) stay. Returns what was removed.
 */
export async function evictLeastRecentlyUsed(
  kind: CacheKind,
  options: { capBytes?: number; inUse?: ReadonlySet<string> } = {},
): Promise<{ removed: number; bytes: number; totalBytes: number }> {
  const root = cacheDir(kind);
  const cap = options.capBytes ?? cacheCapBytes(kind);
  const names = await readdir(root, { withFileTypes: true }).catch(() => []);
  const entries: Entry[] = await Promise.all(
    names
      .filter((name) => name.isDirectory())
      .map(async (name) => {
        const dir = path.join(root, name.name);
        const [info, bytes] = await Promise.all([stat(dir).catch(() => null), entrySize(dir)]);
        return { dir, usedAt: info?.mtimeMs ?? 0, bytes };
      }),
  );
  let total = entries.reduce((sum, entry) => sum + entry.bytes, 0);
  let removed = 0;
  let removedBytes = 0;
  for (const entry of entries.sort((a, b) => a.usedAt - b.usedAt)) {
    if (total <= cap) break;
    if (options.inUse?.has(path.basename(entry.dir))) continue;
    await rm(entry.dir, { recursive: true, force: true });
    total -= entry.bytes;
    removed += 1;
    removedBytes += entry.bytes;
  }
  return { removed, bytes: removedBytes, totalBytes: total };
}
