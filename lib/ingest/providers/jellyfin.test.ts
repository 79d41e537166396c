import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sampleLibraries, startFakeMediaServer, type FakeMediaServer } from "@/lib/testing/fake-media-server";
import { listJellyfinLibraries, readJellyfin } from "./jellyfin";
import type { ProviderItem, ProviderOptions, ProviderPage } from "./types";

let server: FakeMediaServer;
let options: ProviderOptions;

beforeEach(async () => {
  server = await startFakeMediaServer({ token: "jellyfin-api-key", libraries: sampleLibraries() });
  options = { url: `${server.jellyfinUrl}/`, secret: "jellyfin-api-key", libraries: [], pageSize: 3, retryDelayMs: 1 };
});
afterEach(() => server.close());

async function readAll(read: AsyncGenerator<ProviderPage>): Promise<{ pages: ProviderPage[]; items: ProviderItem[] }> {
  const pages: ProviderPage[] = [];
  for await (const page of read) pages.push(page);
  return { pages, items: pages.flatMap((page) => page.items) };
}

describe("listJellyfinLibraries", () => {
  it("names each virtual folder with its id and type", async () => {
    expect(await listJellyfinLibraries(options)).toEqual([
      { key: "1", name: "Movies", type: "movie" },
      { key: "2", name: "TV Shows", type: "show" },
      { key: "3", name: "Music", type: "other" },
    ]);
  });
});

describe("readJellyfin", () => {
  it("reads every file of the movie and show libraries exactly once across pages", async () => {
    const { pages, items } = await readAll(readJellyfin(options));

    // Movies: 7 items in 3 pages of 3; TV Shows: 5 episodes in 2 pages. Music is not a video library.
    expect(pages.map((page) => [page.library, page.total])).toEqual([
      ...Array(3).fill(["Movies", 7]),
      ...Array(2).fill(["TV Shows", 5]),
    ]);
    const paths = items.map((item) => item.path);
    expect(new Set(paths).size).toBe(paths.length);
    // 5 movies + the first part of the two-part movie + 2 versions + 5 episodes.
    expect(paths).toHaveLength(13);
  });

  it("asks for items recursively with paths and media sources, paging by StartIndex and Limit", async () => {
    await readAll(readJellyfin({ ...options, libraries: ["Movies"] }));

    const pages = server.requests.filter((request) => request.path.startsWith("/jellyfin/Items?"));
    expect(pages.map((request) => Object.fromEntries(new URL(request.path, server.url).searchParams))).toEqual(
      [0, 3, 6].map((start) => ({
        ParentId: "1",
        Recursive: "true",
        IncludeItemTypes: "Movie,Episode",
        Fields: "Path,MediaSources,ProviderIds",
        StartIndex: String(start),
        Limit: "3",
      })),
    );
  });

  it("gives each version of a movie its own item under the same Id", async () => {
    const { items } = await readAll(readJellyfin({ ...options, libraries: ["Movies"] }));

    const twoCuts = items.filter((item) => item.key === "202");
    expect(twoCuts.map((item) => [item.path, item.size, item.container, item.videoCodec, item.audioCodec])).toEqual([
      ["/data/Movies/Two Cuts/Two Cuts - 2160p.mkv", 40_000_000_000, "mkv", "hevc", "dts"],
      ["/data/Movies/Two Cuts/Two Cuts - 1080p.mp4", 8_000_000_000, "mp4", "h264", "aac"],
    ]);
  });

  it("normalizes a movie, converting ticks and ffprobe container lists, keeping the Item as raw", async () => {
    const movie = server.state.libraries[0]!.items[0]!;
    movie.versions[0]!.container = "mov,mp4,m4a,3gp,3g2,mj2";

    const { items } = await readAll(readJellyfin({ ...options, libraries: ["Movies"] }));

    const item = items.find((candidate) => candidate.key === movie.key);
    expect(item).toMatchObject({
      provider: "jellyfin",
      library: "Movies",
      title: "Movie 1",
      path: "/data/Movies/Movie 1/Movie 1.mkv",
      durationMs: 60_000,
      container: "mp4",
      episode: null,
    });
    expect(item?.raw).toMatchObject({ Id: movie.key, ServerId: expect.any(String), RunTimeTicks: 600_000_000 });
  });

  it("skips media sources that are streams rather than files", async () => {
    server.state.libraries[0]!.items[0]!.versions.push({
      protocol: "Http",
      parts: [{ path: "https://example.com/stream.m3u8" }],
    });

    const { items } = await readAll(readJellyfin({ ...options, libraries: ["Movies"] }));

    expect(items.some((item) => item.path.startsWith("https:"))).toBe(false);
  });

  it("gives episodes series, season and episode numbers", async () => {
    const { items } = await readAll(readJellyfin({ ...options, libraries: ["TV Shows"] }));

    expect(
      items.map(
        (item) => item.episode && [item.episode.seriesTitle, item.episode.seasonNumber, item.episode.episodeNumber],
      ),
    ).toEqual([
      ["Alpha", 1, 1],
      ["Alpha", 1, 2],
      ["Alpha", 1, 3],
      ["Beta", 2, 1],
      ["Beta", 2, 2],
    ]);
  });

  it("sends the API key in the MediaBrowser Authorization header, never in a URL", async () => {
    await readAll(readJellyfin(options));

    for (const request of server.requests) {
      expect(request.headers.authorization).toBe('MediaBrowser Token="jellyfin-api-key"');
      expect(request.path).not.toContain("jellyfin-api-key");
    }
  });

  it("fails on an unknown library name, listing the names the server has", async () => {
    await expect(readAll(readJellyfin({ ...options, libraries: ["Series"] }))).rejects.toMatchObject({
      code: "not_found",
      message: 'Jellyfin has no library named "Series"; its libraries are: "Movies", "TV Shows", "Music"',
    });
  });
});
