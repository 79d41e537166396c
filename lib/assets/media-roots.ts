import "server-only";
import { realpath } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "@/lib/db";
import { parsePathMaps } from "@/lib/ingest/sources";

// The one rule for which files the desk may read on behalf of a user (the media preview, a path
// typed into the edit form): those whose real path — every symlink and `..` resolved — lies inside
// a folder a source names. A path string is never trusted: `/media/../etc/passwd` and a symlink
// placed in a scanned share both resolve to where they really lead.

/** The local path of an asset's uri: an absolute path or a `file://` URI; anything else is null. */
export function localPath(uri: string): string | null {
  if (uri.startsWith("file://")) {
    try {
      return fileURLToPath(uri);
    } catch {
      return null;
    }
  }
  return path.isAbsolute(uri) ? uri : null;
}

/** The folders media may be read from, as real paths. */
export interface MediaRoots {
  readonly real: readonly string[];
}

/** Every filesystem source's folders and every Plex/Jellyfin path-map target (where the server's files are reachable here). */
async function configuredRoots(db: Db): Promise<string[]> {
  const sources = await db.source.findMany({ select: { kind: true, roots: true, pathMaps: true } });
  return sources
    .flatMap((source) =>
      source.kind === "filesystem" ? source.roots : parsePathMaps(source.pathMaps).map((map) => map.to),
    )
    .filter((root) => path.isAbsolute(root));
}

/** The roots as they are now on disk: a root that does not exist (an unmounted share) admits nothing. */
export async function loadMediaRoots(db: Db): Promise<MediaRoots> {
  const real = await Promise.all(
    (await configuredRoots(db)).map((root) => realpath(/* turbopackIgnore: true */ root).catch(() => null)),
  );
  return { real: [...new Set(real.filter((root): root is string => root !== null))] };
}

/** Whether a real (already resolved) path lies inside one of the roots. */
export function insideMediaRoots(realFile: string, roots: MediaRoots): boolean {
  return roots.real.some((root) => realFile.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
}

/**
 * The real path of the file an asset's `uri` names, when it exists and lies inside a root; null
 * otherwise. Missing and outside are not told apart, so the answer is no oracle for other paths.
 */
export async function resolveMediaPath(uri: string, roots: MediaRoots): Promise<string | null> {
  const file = localPath(uri);
  if (!file) return null;
  const real = await realpath(/* turbopackIgnore: true */ file).catch(() => null);
  return real !== null && insideMediaRoots(real, roots) ? real : null;
}
