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

// The Plex half of the fake media server: /library/sections and /library/sections/{key}/all,
// shaped like Plex Media Server's JSON (Accept: application/json), and /library/parts/{id}/…/file…
// (a part's bytes).

const UNAUTHORIZED: FakeReply = {
  status: 401,
  contentType: "text/html",
  body: "<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>",
};
const NOT_FOUND: FakeReply = { status: 404, contentType: "text/html", body: "<html><body>404 Not Found</body></html>" };
const SECTION_TYPES = { movie: "movie", show: "show", music: "artist" } as const;
// Plex's metadata type number for episodes, as the /all `type` filter takes it.
const EPISODE_TYPE = "4";
const ADDED_AT = 1_700_000_000;

// Plex numbers every Media and Part; the same object keeps its number across requests.
const ids = new WeakMap<object, number>();
let lastId = 0;
function idOf(thing: object): number {
  const id = ids.get(thing) ?? ++lastId;
  ids.set(thing, id);
  return id;
}

export function answerPlex(
  { pathname, params, headers }: FakeQuery,
  state: FakeMediaServerState,
): FakeReply | FakeFileReply {
  // Plex takes the token from a query parameter too; this fake does not, so a client that puts it there fails.
  if (headers["x-plex-token"] !== state.token) return UNAUTHORIZED;
  // A part's file answers whatever the client accepts; Plex ignores the timestamp and the file name.
  const partId = /^\/library\/parts\/(\d+)\/[^/]+\/file[^/]*$/.exec(pathname)?.[1];
  if (partId !== undefined) return partFileReply(partById(state, Number(partId))) ?? NOT_FOUND;
  if (!String(headers.accept ?? "").includes("application/json")) {
    return {
      status: 200,
      contentType: "text/xml",
      body: '<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="0"/>',
    };
  }
  if (pathname === "/library/sections") {
    const Directory = state.libraries.map(sectionJson);
    return json({ MediaContainer: { size: Directory.length, allowSync: false, title1: "Plex Library", Directory } });
  }
  const key = /^\/library\/sections\/([^/]+)\/all$/.exec(pathname)?.[1];
  const library =
    key === undefined ? undefined : state.libraries.find((candidate) => candidate.key === decodeURIComponent(key));
  if (!library) return NOT_FOUND;

  const entries = listing(library, params.get("type"));
  // Plex reads paging from headers or from query parameters of the same names.
  const start = paging("X-Plex-Container-Start", params, headers);
  const size = paging("X-Plex-Container-Size", params, headers);
  const paged = start !== undefined || size !== undefined;
  const offset = start ?? 0;
  const page = entries.slice(offset, size === undefined ? undefined : offset + size);
  return json({
    MediaContainer: {
      size: page.length,
      // Plex counts the whole listing only when asked for a page of it.
      ...(paged ? { totalSize: entries.length, offset } : {}),
      allowSync: true,
      librarySectionID: Number(library.key) || library.key,
      librarySectionTitle: library.name,
      ...(page.length > 0 ? { Metadata: page } : {}),
    },
  });
}

function partById(state: FakeMediaServerState, id: number) {
  return state.libraries
    .flatMap((library) => library.items.flatMap((item) => item.versions.flatMap((version) => version.parts)))
    .find((part) => ids.get(part) === id);
}

function sectionJson(library: FakeLibrary) {
  return {
    allowSync: true,
    key: library.key,
    type: SECTION_TYPES[library.type],
    title: library.name,
    agent: "tv.plex.agents.none",
    scanner: "Plex Video Files Scanner",
    language: "xn",
    uuid: `fake-section-${library.key}`,
    updatedAt: ADDED_AT,
    Location: [{ id: idOf(library), path: `/data/${library.name}` }],
  };
}

/** A show section lists its shows unless asked for episodes; movie and music sections list their items. */
function listing(library: FakeLibrary, type: string | null): object[] {
  if (library.type !== "show") return library.items.map((item) => metadataJson(item, library));
  if (type === EPISODE_TYPE)
    return library.items.filter((item) => item.episode).map((item) => metadataJson(item, library));
  const series = [...new Set(library.items.flatMap((item) => (item.episode ? [item.episode.series] : [])))];
  return series.map((title) => ({ ratingKey: `show-${title}`, type: "show", title, addedAt: ADDED_AT }));
}

function metadataJson(item: FakeItem, library: FakeLibrary) {
  const episode = item.episode && {
    grandparentTitle: item.episode.series,
    parentTitle: `Season ${item.episode.season}`,
    parentIndex: item.episode.season,
    index: item.episode.episode,
  };
  return {
    ratingKey: item.key,
    key: `/library/metadata/${item.key}`,
    guid: `plex://fake/${item.key}`,
    type: item.episode ? "episode" : library.type === "music" ? "track" : "movie",
    title: item.title,
    ...episode,
    duration: item.durationMs ?? versionDuration(item.versions[0]),
    addedAt: ADDED_AT,
    Media: item.versions.map((version) => ({
      id: idOf(version),
      duration: versionDuration(version),
      container: version.container,
      videoCodec: version.videoCodec,
      audioCodec: version.audioCodec,
      Part: version.parts.map((part) => {
        const id = idOf(part);
        return {
          id,
          key: `/library/parts/${id}/${ADDED_AT}/file.${version.container ?? "mkv"}`,
          duration: part.durationMs,
          file: part.path,
          size: part.size,
          container: version.container,
        };
      }),
    })),
  };
}

/** A version's duration, else the sum of its parts'. */
function versionDuration(version: FakeVersion | undefined): number | undefined {
  if (!version) return undefined;
  if (version.durationMs !== undefined) return version.durationMs;
  const parts = version.parts.map((part) => part.durationMs);
  return parts.every((duration) => duration !== undefined)
    ? parts.reduce((sum, duration) => sum + duration, 0)
    : undefined;
}

function paging(name: string, params: URLSearchParams, headers: FakeQuery["headers"]): number | undefined {
  const value = params.get(name) ?? headers[name.toLowerCase()];
  const number = Number(value);
  return typeof value === "string" && value !== "" && Number.isInteger(number) && number >= 0 ? number : undefined;
}

function json(body: unknown): FakeReply {
  return { status: 200, contentType: "application/json", body: JSON.stringify(body) };
}
