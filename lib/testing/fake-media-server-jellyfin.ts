import { partFileReply } from "./fake-media-server-files";
import type {
  FakeFileReply,
  FakeItem,
  FakeLibrary,
  FakeMediaServerState,
  FakeQuery,
  FakeReply,
  FakeVersion,
} from "./fake-media-server-types";

// The Jellyfin half of the fake media server: /Library/VirtualFolders and /Items, shaped like
// Jellyfin 10.x JSON (null fields left out, as Jellyfin does), and /Videos/{id}/stream (the file's
// bytes, as `static=true` sends them).

const UNAUTHORIZED: FakeReply = { status: 401, contentType: "text/plain", body: "" };
const NOT_FOUND: FakeReply = { status: 404, contentType: "text/plain", body: "" };
const COLLECTION_TYPES = { movie: "movies", show: "tvshows", music: "music" } as const;
const SERVER_ID = "fakeserver0000000000000000000001";
// Jellyfin durations are .NET ticks of 100 ns.
const TICKS_PER_MS = 10_000;

export function answerJellyfin(
  { pathname, params, headers }: FakeQuery,
  state: FakeMediaServerState,
): FakeReply | FakeFileReply {
  if (tokenOf(headers) !== state.token) return UNAUTHORIZED;
  if (pathname === "/Library/VirtualFolders") return json(state.libraries.map(folderJson));
  const streamOf = /^\/Videos\/([^/]+)\/stream$/.exec(pathname)?.[1];
  if (streamOf !== undefined) return stream(state, decodeURIComponent(streamOf), params.get("MediaSourceId"));
  if (pathname !== "/Items") return NOT_FOUND;

  const library = state.libraries.find((candidate) => candidate.key === params.get("ParentId"));
  if (!library) return NOT_FOUND;
  const types = params.get("IncludeItemTypes")?.split(",");
  const fields = new Set(params.get("Fields")?.split(","));
  // Without Recursive a show library lists its series folders, which this fake does not model.
  const recursive = params.get("Recursive")?.toLowerCase() === "true";
  const items = library.items
    .filter((item) => !types || types.includes(itemType(item, library)))
    .filter(() => recursive || library.type !== "show");
  const start = Number(params.get("StartIndex") ?? 0);
  const limit = params.has("Limit") ? Number(params.get("Limit")) : undefined;
  const page = items.slice(start, limit === undefined ? undefined : start + limit);
  return json({
    Items: page.map((item) => itemJson(item, library, fields)),
    TotalRecordCount: items.length,
    StartIndex: start,
  });
}

/** A version's first part, as the MediaSource of that id (the item's first version without one). */
function stream(state: FakeMediaServerState, itemId: string, sourceId: string | null): FakeReply | FakeFileReply {
  const item = state.libraries.flatMap((library) => library.items).find((candidate) => candidate.key === itemId);
  const index = item
    ? sourceId === null
      ? 0
      : item.versions.findIndex((_, i) => mediaSourceId(item, i) === sourceId)
    : -1;
  return partFileReply(item?.versions[index]?.parts[0]) ?? NOT_FOUND;
}

/** Jellyfin gives the primary version the item's own id and each other version an id of its own. */
function mediaSourceId(item: FakeItem, index: number): string {
  return index === 0 ? item.key : `${item.key}v${index}`;
}

/** Jellyfin takes `Authorization: MediaBrowser Token="…"` or the older X-Emby-Token header. */
function tokenOf(headers: FakeQuery["headers"]): string | undefined {
  const token = /\bToken="([^"]*)"/.exec(headers.authorization ?? "")?.[1];
  const emby = headers["x-emby-token"];
  return token ?? (typeof emby === "string" ? emby : undefined);
}

function folderJson(library: FakeLibrary) {
  return {
    Name: library.name,
    Locations: [`/data/${library.name}`],
    CollectionType: COLLECTION_TYPES[library.type],
    LibraryOptions: { Enabled: true },
    ItemId: library.key,
    RefreshStatus: "Idle",
  };
}

function itemType(item: FakeItem, library: FakeLibrary): string {
  if (item.episode) return "Episode";
  return library.type === "music" ? "Audio" : "Movie";
}

/** Path and MediaSources come only when asked for in Fields, as with Jellyfin. */
function itemJson(item: FakeItem, library: FakeLibrary, fields: Set<string>) {
  const episode = item.episode && {
    SeriesName: item.episode.series,
    SeasonName: `Season ${item.episode.season}`,
    ParentIndexNumber: item.episode.season,
    IndexNumber: item.episode.episode,
  };
  const durationMs = item.durationMs ?? item.versions[0]?.durationMs;
  return {
    Name: item.title,
    ServerId: SERVER_ID,
    Id: item.key,
    Type: itemType(item, library),
    IsFolder: false,
    MediaType: library.type === "music" ? "Audio" : "Video",
    ...(durationMs === undefined ? {} : { RunTimeTicks: durationMs * TICKS_PER_MS }),
    ...episode,
    ...(fields.has("Path") ? { Path: item.versions[0]?.parts[0]?.path } : {}),
    ...(fields.has("ProviderIds") ? { ProviderIds: {} } : {}),
    ...(fields.has("MediaSources")
      ? { MediaSources: item.versions.map((version, index) => sourceJson(item, version, index)) }
      : {}),
  };
}

/** A version is one MediaSource; Jellyfin shows a stacked (multi-part) file by its first part. */
function sourceJson(item: FakeItem, version: FakeVersion, index: number) {
  const part = version.parts[0];
  const streams = [
    ...(version.videoCodec ? [{ Codec: version.videoCodec, Type: "Video", Index: 0, IsDefault: true }] : []),
    ...(version.audioCodec ? [{ Codec: version.audioCodec, Type: "Audio", Index: 1, IsDefault: true }] : []),
  ];
  return {
    Protocol: version.protocol ?? "File",
    Id: mediaSourceId(item, index),
    Path: part?.path,
    Type: "Default",
    Container: version.container,
    Size: part?.size,
    Name: part?.path.split(/[\\/]/).pop(),
    IsRemote: false,
    RunTimeTicks: version.durationMs === undefined ? undefined : version.durationMs * TICKS_PER_MS,
    SupportsDirectPlay: true,
    MediaStreams: streams,
  };
}

function json(body: unknown): FakeReply {
  return { status: 200, contentType: "application/json; charset=utf-8", body: JSON.stringify(body) };
}
