import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { isFileReply, sendFile } from "./fake-media-server-files";
import { answerJellyfin } from "./fake-media-server-jellyfin";
import { answerPlex } from "./fake-media-server-plex";
import type {
  FakePart,
  FakeVersion,
  FakeItem,
  FakeLibrary,
  FakeFault,
  FakeMediaServerState,
  FakeRequest,
  FakeMediaServer,
  FakeMediaServerOptions,
  FakeQuery,
  FakeReply,
  FakeFileReply,
} from "./fake-media-server-types";

export type * from "./fake-media-server-types";

// A real HTTP server that answers like Plex (under /plex) and Jellyfin (under /jellyfin) from an
// in-memory description, so the provider clients and the import pipeline are tested over real
// sockets, with paging, auth and failures as the real servers show them.
//
//   const server = await startFakeMediaServer({ token: "t", libraries: sampleLibraries() });
//   readPlex({ url: server.plexUrl, secret: "t", libraries: ["Movies"] });
//   server.inject({ kind: "status", status: 503, times: 2 });        // the next two requests fail
//   server.inject({ kind: "html", path: "/jellyfin/Library/VirtualFolders" });
//   server.state.libraries[0]!.items.push(fakeMovie({ key: "9", title: "New", path: "/data/New.mkv" }));
//   fakeMovie({ key: "10", title: "Clip", path: "/data/Clip.mp4", file: fixtures.mp4 });   // streamable
//   await server.close();

export async function startFakeMediaServer(options: FakeMediaServerOptions = {}): Promise<FakeMediaServer> {
  const state: FakeMediaServerState = {
    token: options.token ?? "fake-token",
    libraries: structuredClone(options.libraries ?? []),
    faults: [],
  };
  const requests: FakeRequest[] = [];
  const closing = new AbortController();

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://fake");
    requests.push({ method: request.method ?? "GET", path: url.pathname + url.search, headers: request.headers });
    const fault = takeFault(state.faults, url.pathname);
    if (fault?.kind === "close") {
      request.socket.destroy();
      return;
    }
    const query = { pathname: url.pathname, params: url.searchParams, headers: request.headers };
    const delay = fault?.kind === "delay" ? sleep(fault.ms, undefined, { signal: closing.signal }) : Promise.resolve();
    delay.then(
      () => send(request, response, answer(query, fault, state)),
      () => request.socket.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    plexUrl: `${url}/plex`,
    jellyfinUrl: `${url}/jellyfin`,
    state,
    requests,
    inject: (fault) => void state.faults.push(fault),
    close: async () => {
      closing.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A movie with one file; the container defaults to the file's extension. */
export function fakeMovie(movie: { key: string; title: string } & FakeFile): FakeItem {
  const version = fakeVersion(movie);
  return { key: movie.key, title: movie.title, durationMs: version.durationMs, versions: [version] };
}

/** An episode with one file, titled "Episode N" unless told. */
export function fakeEpisode(
  episode: { key: string; series: string; season: number; episode: number; title?: string } & FakeFile,
): FakeItem {
  const version = fakeVersion(episode);
  return {
    key: episode.key,
    title: episode.title ?? `Episode ${episode.episode}`,
    episode: { series: episode.series, season: episode.season, episode: episode.episode },
    durationMs: version.durationMs,
    versions: [version],
  };
}

/**
 * A small ready-made description: "Movies" (`movieCount` plain movies, a two-part movie, a movie in
 * two versions), "TV Shows" (two series, five episodes) and "Music" (one track).
 */
export function sampleLibraries(movieCount = 5): FakeLibrary[] {
  const movies = Array.from({ length: movieCount }, (_, index) =>
    fakeMovie({
      key: String(101 + index),
      title: `Movie ${index + 1}`,
      path: `/data/Movies/Movie ${index + 1}/Movie ${index + 1}.mkv`,
    }),
  );
  const longFilm: FakeItem = {
    key: "201",
    title: "The Long Film",
    durationMs: 7_200_000,
    versions: [
      {
        container: "avi",
        videoCodec: "mpeg4",
        audioCodec: "mp3",
        parts: [
          { path: "/data/Movies/The Long Film/The Long Film - cd1.avi", size: 700_000_000, durationMs: 3_600_000 },
          { path: "/data/Movies/The Long Film/The Long Film - cd2.avi", size: 690_000_000, durationMs: 3_600_000 },
        ],
      },
    ],
  };
  const twoCuts: FakeItem = {
    key: "202",
    title: "Two Cuts",
    versions: [
      fakeVersion({
        path: "/data/Movies/Two Cuts/Two Cuts - 2160p.mkv",
        videoCodec: "hevc",
        audioCodec: "dca",
        size: 40_000_000_000,
      }),
      fakeVersion({ path: "/data/Movies/Two Cuts/Two Cuts - 1080p.mp4", size: 8_000_000_000 }),
    ],
  };
  const episodes = [
    ...[1, 2, 3].map((episode) =>
      fakeEpisode({
        key: `30${episode}`,
        series: "Alpha",
        season: 1,
        episode,
        path: `/data/TV/Alpha/Season 01/Alpha S01E0${episode}.mkv`,
      }),
    ),
    ...[1, 2].map((episode) =>
      fakeEpisode({
        key: `31${episode}`,
        series: "Beta",
        season: 2,
        episode,
        path: `/data/TV/Beta/Season 02/Beta S02E0${episode}.mp4`,
      }),
    ),
  ];
  return [
    { key: "1", name: "Movies", type: "movie", items: [...movies, longFilm, twoCuts] },
    { key: "2", name: "TV Shows", type: "show", items: episodes },
    {
      key: "3",
      name: "Music",
      type: "music",
      items: [
        {
          key: "401",
          title: "Song",
          versions: [{ container: "flac", audioCodec: "flac", parts: [{ path: "/data/Music/Song.flac" }] }],
        },
      ],
    },
  ];
}

type FakeFile = FakePart & Omit<FakeVersion, "parts">;

function fakeVersion(file: FakeFile): FakeVersion {
  const { path, size = 1_000_000, durationMs = 60_000, videoCodec = "h264", audioCodec = "aac", protocol } = file;
  const container = file.container ?? path.split(".").pop()?.toLowerCase();
  const local = file.file === undefined ? {} : { file: file.file };
  return { container, videoCodec, audioCodec, durationMs, protocol, parts: [{ path, size, durationMs, ...local }] };
}

function takeFault(faults: FakeFault[], pathname: string): FakeFault | undefined {
  const index = faults.findIndex(
    (fault) => (fault.path === undefined || fault.path === pathname) && (fault.times === undefined || fault.times > 0),
  );
  const fault = faults[index];
  if (!fault) return undefined;
  if (fault.times !== undefined) {
    fault.times -= 1;
    if (fault.times <= 0) faults.splice(index, 1);
  }
  return fault;
}

function faultReply(fault: FakeFault | undefined): FakeReply | undefined {
  switch (fault?.kind) {
    case "status": {
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { "Retry-After": String(fault.retryAfterSeconds) };
      return { status: fault.status, contentType: "text/plain", body: `HTTP ${fault.status}`, headers };
    }
    case "malformed-json":
      return { status: 200, contentType: "application/json", body: '{"MediaContainer": {"size": 3, "Metadata": [' };
    case "html":
      // What a reverse proxy's login or error page looks like to a JSON client.
      return {
        status: 200,
        contentType: "text/html",
        body: "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Sign in</body></html>",
      };
    default:
      return undefined;
  }
}

function answer(
  query: FakeQuery,
  fault: FakeFault | undefined,
  state: FakeMediaServerState,
): FakeReply | FakeFileReply {
  try {
    return faultReply(fault) ?? route(query, state);
  } catch (error) {
    // A bug in the fake shows in the test's failure message instead of hanging the request.
    return { status: 500, contentType: "text/plain", body: String(error) };
  }
}

function route(query: FakeQuery, state: FakeMediaServerState): FakeReply | FakeFileReply {
  const [, prefix, ...rest] = query.pathname.split("/");
  const inner = { ...query, pathname: `/${rest.join("/")}` };
  if (prefix === "plex") return answerPlex(inner, state);
  if (prefix === "jellyfin") return answerJellyfin(inner, state);
  return { status: 404, contentType: "text/plain", body: "Not Found" };
}

function send(request: IncomingMessage, response: ServerResponse, reply: FakeReply | FakeFileReply): void {
  if (isFileReply(reply)) {
    // A file that cannot be read is the test's mistake: say so in the reply rather than hang.
    sendFile(request, response, reply).catch((error: unknown) => {
      if (response.headersSent) response.destroy();
      else send(request, response, { status: 500, contentType: "text/plain", body: String(error) });
    });
    return;
  }
  response.writeHead(reply.status, { "Content-Type": reply.contentType, ...reply.headers });
  response.end(reply.body);
}
