import "server-only";
import { resolveMediaPath, type MediaRoots } from "@/lib/assets/media-roots";
import type { Db } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { jellyfinStream } from "@/lib/ingest/providers/jellyfin";
import { applyPathMaps } from "@/lib/ingest/providers/path-map";
import { plexStream } from "@/lib/ingest/providers/plex";
import { ProviderError } from "@/lib/ingest/providers/types";
import { openSecret } from "@/lib/ingest/source-secrets";
import { parsePathMaps } from "@/lib/ingest/sources";
import { log } from "@/lib/log";
import type { MediaInput } from "./input";

// The one home of "where an asset's media is read from": its file when that lies inside the media
// roots, else the first configured Plex or Jellyfin source whose stored item can stream it.

/** Which source a provider input reads through: enough to name it in logs and messages. */
export interface SourceLabel {
  uuid: string;
  name: string;
}

export type FileInput = Extract<MediaInput, { kind: "file" }>;
export type ProviderInput = Extract<MediaInput, { kind: "provider" }> & { source: SourceLabel };
export type ResolvedMediaInput = FileInput | ProviderInput;

const STREAMS = { plex: plexStream, jellyfin: jellyfinStream };
const SERVERS = { plex: "Plex", jellyfin: "Jellyfin" };

/**
 * The asset's media: its file inside the roots, else a provider ref of a Plex or Jellyfin source
 * that still exists (oldest ref first) whose stored item lists the file. Null when nothing can serve
 * it. A source whose secret cannot be opened (another ASSET_DESK_SECRET_KEY) or whose URL is not
 * one is skipped for the next; if no other serves the asset, that source's error is thrown, since
 * it says what an admin can fix where "no preview" would not.
 */
export async function resolveMediaInput(
  db: Db,
  asset: { id: number; uri: string },
  roots: MediaRoots,
): Promise<ResolvedMediaInput | null> {
  const file = await resolveMediaPath(asset.uri, roots);
  if (file) return { kind: "file", path: file };

  const refs = await db.providerRef.findMany({
    where: { assetId: asset.id, provider: { in: ["plex", "jellyfin"] } },
    orderBy: { id: "asc" },
    select: {
      provider: true,
      raw: true,
      source: { select: { uuid: true, name: true, kind: true, url: true, secret: true, pathMaps: true } },
    },
  });
  let failure: KnownError | undefined;
  for (const { provider, raw, source } of refs) {
    // A ref whose source was removed has none; a source is only ever of its refs' provider.
    if (!source?.url || (provider !== "plex" && provider !== "jellyfin") || source.kind !== provider) continue;
    const maps = parsePathMaps(source.pathMaps);
    const isFile = (serverPath: string) => serverPath === asset.uri || applyPathMaps(serverPath, maps) === asset.uri;
    try {
      const stream = STREAMS[provider]({ url: source.url, secret: openSecret(source) }, raw, isFile);
      if (stream) return { kind: "provider", provider, ...stream, source: { uuid: source.uuid, name: source.name } };
    } catch (error) {
      if (!(error instanceof KnownError || error instanceof ProviderError)) throw error;
      log.warn({ sourceUuid: source.uuid, err: error.message }, "source cannot stream media");
      // The URL stays out of the message: it goes to whoever previews, not only to admins.
      failure ??=
        error instanceof KnownError
          ? error
          : new KnownError(
              "invalid",
              `The URL of ${SERVERS[provider]} source “${source.name}” is not usable; correct it on the source's page.`,
            );
    }
  }
  if (failure) throw failure;
  return null;
}

/** For logs and the player: says where the media comes from, never a path, URL or secret. */
export function describeInput(input: ResolvedMediaInput): string {
  if (input.kind === "file") return "the file in the media folders";
  return `${SERVERS[input.provider]} server “${input.source.name}”`;
}
