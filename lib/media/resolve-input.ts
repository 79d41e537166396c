import "server-only";
import type { Db } from "@/lib/db";
import { resolveMediaPath, type MediaRoots } from "@/lib/assets/media-roots";
import type { MediaInput } from "@/lib/media/input";

/** The asset's file when it lies inside the media roots. */
export async function resolveMediaInput(
  _db: Db,
  asset: { id: number; uri: string },
  roots: MediaRoots,
): Promise<MediaInput | null> {
  const file = await resolveMediaPath(asset.uri, roots);
  return file ? { kind: "file", path: file } : null;
}
