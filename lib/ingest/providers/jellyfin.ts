import "server-only";
import { z } from "zod";
import { normalizeCodec, normalizeContainer } from "./codecs";
import { getJson, parseServerUrl, serverUrl } from "./http";
import { chooseLibraries, pageSizeOf, readLibraryPages } from "./libraries";
import { chooseFile, type ProviderStream, type StreamConnection } from "./stream";
import type {
  ProviderConnection,
  ProviderEpisode,
  ProviderItem,
  ProviderLibrary,
  ProviderOptions,
  ProviderPage,
} from "./types";

// Jellyfin's JSON field names, checked only where this file reads them; anything else passes through.
const optionalNumber = z.number().nullish();
const optionalString = z.string().nullish();

const foldersSchema = z.array(z.looseObject({ Name: z.string(), ItemId: z.string(), CollectionType: optionalString }));

const streamSchema = z.looseObject({ Type: z.string(), Codec: optionalString, IsDefault: z.boolean().nullish() });

const sourceSchema = z.looseObject({
  Path: optionalString,
  Protocol: z.string(),
  Container: optionalString,
  Size: optionalNumber,
  RunTimeTicks: optionalNumber,
  MediaStreams: z.array(streamSchema).nullish(),
});

const itemSchema = z.looseObject({
  Id: z.string(),
  Name: z.string(),
  Type: z.string(),
  SeriesName: optionalString,
  ParentIndexNumber: optionalNumber,
  IndexNumber: optionalNumber,
  RunTimeTicks: optionalNumber,
  MediaSources: z.array(sourceSchema).nullish(),
});

const pageSchema = z.looseObject({
  Items: z.array(itemSchema),
  TotalRecordCount: z.number().int().nonnegative(),
  StartIndex: optionalNumber,
});

// What a stream request reads of a stored item: the ids and paths of its file sources.
const storedItemSchema = z.looseObject({
  Id: z.string(),
  MediaSources: z
    .array(z.looseObject({ Id: optionalString, Path: optionalString, Protocol: optionalString }))
    .nullish(),
});

type JellyfinItem = z.infer<typeof itemSchema>;
type JellyfinStream = z.infer<typeof streamSchema>;

// A folder without a collection type is Jellyfin's "mixed movies and shows".
const COLLECTION_TYPES = new Map<string, ProviderLibrary["type"]>([
  ["movies", "movie"],
  ["tvshows", "show"],
]);
// Jellyfin durations are .NET ticks of 100 ns.
const TICKS_PER_MS = 10_000;

export async function listJellyfinLibraries(options: ProviderConnection): Promise<ProviderLibrary[]> {
  const folders = await jellyfinGet(options, "/Library/VirtualFolders", foldersSchema);
  return folders.map((folder) => ({
    key: folder.ItemId,
    name: folder.Name,
    type: folder.CollectionType ? (COLLECTION_TYPES.get(folder.CollectionType) ?? "other") : "mixed",
  }));
}

/** Every file of the chosen libraries (all movie and show folders when none is named), a page per request. */
export async function* readJellyfin(options: ProviderOptions): AsyncGenerator<ProviderPage> {
  const limit = String(pageSizeOf(options));
  for (const folder of chooseLibraries("Jellyfin", await listJellyfinLibraries(options), options.libraries)) {
    yield* readLibraryPages(
      folder,
      async (start) => {
        const reply = await jellyfinGet(options, "/Items", pageSchema, {
          ParentId: folder.key,
          Recursive: "true",
          IncludeItemTypes: "Movie,Episode",
          Fields: "Path,MediaSources,ProviderIds",
          StartIndex: String(start),
          Limit: limit,
        });
        return { total: reply.TotalRecordCount, entries: reply.Items };
      },
      (item) => jellyfinItems(item, folder.name),
    );
  }
}

function jellyfinGet<T>(
  options: ProviderConnection,
  path: string,
  schema: z.ZodType<T>,
  query: Record<string, string> = {},
): Promise<T> {
  const url = serverUrl(parseServerUrl("jellyfin", options.url), path, query);
  return getJson(url, {
    ...options,
    provider: "jellyfin",
    schema,
    headers: { Accept: "application/json", ...jellyfinAuth(options.secret) },
  });
}

/** The key goes in a header, never the query string (api_key=…), so it stays out of logs. */
function jellyfinAuth(secret: string): Record<string, string> {
  return { Authorization: `MediaBrowser Token="${secret}"` };
}

/**
 * The static stream of one file of a stored item (a provider ref's `raw`): the file's own bytes,
 * Range-seekable, as Jellyfin's direct play sends them. An item with several versions names the
 * version (MediaSourceId). Null when the item lists no such file.
 */
export function jellyfinStream(
  connection: StreamConnection,
  raw: unknown,
  isFile: (serverPath: string) => boolean,
): ProviderStream | null {
  const item = storedItemSchema.safeParse(raw);
  if (!item.success) return null;
  // As in the import: only File sources are files on the server's disk.
  const files = (item.data.MediaSources ?? []).filter((source) => source.Protocol === "File" && source.Path);
  const file = chooseFile(files, (source) => source.Path!, isFile);
  if (!file) return null;
  const query: Record<string, string> = { static: "true" };
  if (files.length > 1) {
    if (!file.Id) return null;
    query.MediaSourceId = file.Id;
  }
  const path = `/Videos/${encodeURIComponent(item.data.Id)}/stream`;
  const url = serverUrl(parseServerUrl("jellyfin", connection.url), path, query);
  return { url: url.toString(), headers: jellyfinAuth(connection.secret) };
}

/** One item per local MediaSource: an item with several versions lists each as a source. */
function jellyfinItems(item: JellyfinItem, library: string): ProviderItem[] {
  const episode = jellyfinEpisode(item);
  return (item.MediaSources ?? []).flatMap((source) => {
    // Other protocols (Http, Rtsp…) are streams from .strm files or live TV, not files on disk.
    if (source.Protocol !== "File" || !source.Path) return [];
    const streams = source.MediaStreams ?? [];
    const ticks = source.RunTimeTicks ?? item.RunTimeTicks;
    return [
      {
        provider: "jellyfin" as const,
        key: item.Id,
        library,
        title: item.Name,
        path: source.Path,
        size: source.Size ?? null,
        durationMs: ticks == null ? null : Math.round(ticks / TICKS_PER_MS),
        container: normalizeContainer(source.Container),
        videoCodec: normalizeCodec(streamOf(streams, "Video")?.Codec),
        audioCodec: normalizeCodec(streamOf(streams, "Audio")?.Codec),
        episode,
        raw: item,
      },
    ];
  });
}

/** The default stream of a type, else its first. */
function streamOf(streams: JellyfinStream[], type: "Video" | "Audio"): JellyfinStream | undefined {
  const ofType = streams.filter((stream) => stream.Type === type);
  return ofType.find((stream) => stream.IsDefault) ?? ofType[0];
}

function jellyfinEpisode(item: JellyfinItem): ProviderEpisode | null {
  const { Type, SeriesName, ParentIndexNumber, IndexNumber, Name } = item;
  if (Type !== "Episode" || !SeriesName || ParentIndexNumber == null || IndexNumber == null) return null;
  return { seriesTitle: SeriesName, seasonNumber: ParentIndexNumber, episodeNumber: IndexNumber, title: Name };
}
