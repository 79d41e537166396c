import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  fakeMovie,
  sampleLibraries,
  startFakeMediaServer,
  type FakeMediaServer,
} from "@/lib/testing/fake-media-server";
import { listPlexLibraries, plexStream, readPlex } from "./plex";
import type { ProviderItem, ProviderOptions, ProviderPage } from "./types";

let server: FakeMediaServer;
let options: ProviderOptions;

beforeEach(async () => {
  server = await startFakeMediaServer({ token: "plex-secret-token", libraries: sampleLibraries() });
  options = { url: server.plexUrl, secret: "plex-secret-token", libraries: [], pageSize: 2, retryDelayMs: 1 };
});
afterEach(() => server.close());

async function readAll(read: AsyncGenerator<ProviderPage>): Promise<{ pages: ProviderPage[]; items: ProviderItem[] }> {
  const pages: ProviderPage[] = [];
  for await (const page of read) pages.push(page);
  return { pages, items: pages.flatMap((page) => page.items) };
}

describe("listPlexLibraries", () => {
  it("names each section with its key and type", async () => {
    expect(await listPlexLibraries(options)).toEqual([
      { key: "1", name: "Movies", type: "movie" },
      { key: "2", name: "TV Shows", type: "show" },
      { key: "3", name: "Music", type: "other" },
    ]);
  });
});

describe("readPlex", () => {
  it("reads every file of the movie and show libraries exactly once across pages", async () => {
    const { pages, items } = await readAll(readPlex(options));

    // Movies: 7 entries in 4 pages of 2; TV Shows: 5 episodes in 3 pages. Music is not a video library.
    expect(pages.map((page) => [page.library, page.total])).toEqual([
      ...Array(4).fill(["Movies", 7]),
      ...Array(3).fill(["TV Shows", 5]),
    ]);
    const paths = items.map((item) => item.path);
    expect(new Set(paths).size).toBe(paths.length);
    // 5 movies + 2 parts + 2 versions + 5 episodes.
    expect(paths).toHaveLength(14);
    expect(server.requests.some((request) => request.path.includes("/sections/3/"))).toBe(false);
  });

  it("gives each part of a multi-part movie and each version of a movie its own item", async () => {
    const { items } = await readAll(readPlex({ ...options, libraries: ["Movies"] }));

    const longFilm = items.filter((item) => item.key === "201");
    expect(longFilm.map((item) => [item.path, item.size, item.durationMs])).toEqual([
      ["/data/Movies/The Long Film/The Long Film - cd1.avi", 700_000_000, 3_600_000],
      ["/data/Movies/The Long Film/The Long Film - cd2.avi", 690_000_000, 3_600_000],
    ]);
    const twoCuts = items.filter((item) => item.key === "202");
    expect(twoCuts.map((item) => [item.container, item.videoCodec, item.audioCodec])).toEqual([
      ["mkv", "hevc", "dts"],
      ["mp4", "h264", "aac"],
    ]);
  });

  it("normalizes a movie into the provider-neutral shape, keeping the Metadata entry as raw", async () => {
    const { items } = await readAll(readPlex({ ...options, libraries: ["Movies"] }));

    const movie = items.find((item) => item.key === "101");
    expect(movie).toMatchObject({
      provider: "plex",
      library: "Movies",
      title: "Movie 1",
      path: "/data/Movies/Movie 1/Movie 1.mkv",
      size: 1_000_000,
      durationMs: 60_000,
      container: "mkv",
      videoCodec: "h264",
      audioCodec: "aac",
      episode: null,
    });
    expect(movie?.raw).toMatchObject({
      ratingKey: "101",
      guid: "plex://fake/101",
      Media: [{ Part: [{ file: movie?.path }] }],
    });
  });

  it("asks a show section for its episodes and gives them series, season and episode numbers", async () => {
    const { items } = await readAll(readPlex({ ...options, libraries: ["TV Shows"] }));

    expect(
      server.requests.filter((request) => request.path.startsWith("/plex/library/sections/2/all")).map((r) => r.path),
    ).toEqual(Array(3).fill("/plex/library/sections/2/all?type=4"));
    expect(items.map((item) => item.episode)).toEqual([
      { seriesTitle: "Alpha", seasonNumber: 1, episodeNumber: 1, title: "Episode 1" },
      { seriesTitle: "Alpha", seasonNumber: 1, episodeNumber: 2, title: "Episode 2" },
      { seriesTitle: "Alpha", seasonNumber: 1, episodeNumber: 3, title: "Episode 3" },
      { seriesTitle: "Beta", seasonNumber: 2, episodeNumber: 1, title: "Episode 1" },
      { seriesTitle: "Beta", seasonNumber: 2, episodeNumber: 2, title: "Episode 2" },
    ]);
  });

  it("pages with the X-Plex-Container headers and sends the token in a header, never in a URL", async () => {
    await readAll(readPlex({ ...options, libraries: ["Movies"] }));

    const pages = server.requests.filter((request) => request.path.includes("/all"));
    expect(pages.map((request) => request.headers["x-plex-container-start"])).toEqual(["0", "2", "4", "6"]);
    expect(pages.every((request) => request.headers["x-plex-container-size"] === "2")).toBe(true);
    for (const request of server.requests) {
      expect(request.headers["x-plex-token"]).toBe("plex-secret-token");
      expect(request.path).not.toContain("plex-secret-token");
    }
  });

  it("sees changes to the library on the next read", async () => {
    server.state.libraries[0]!.items.push(
      fakeMovie({ key: "150", title: "New Arrival", path: "/data/Movies/New Arrival.mp4" }),
    );

    const { pages, items } = await readAll(readPlex({ ...options, libraries: ["Movies"] }));

    expect(pages[0]?.total).toBe(8);
    expect(items.find((item) => item.key === "150")).toMatchObject({ title: "New Arrival", container: "mp4" });
  });

  it("yields one page with a total of 0 for an empty library", async () => {
    server.state.libraries[0]!.items = [];

    const { pages } = await readAll(readPlex({ ...options, libraries: ["Movies"] }));

    expect(pages).toEqual([{ library: "Movies", total: 0, items: [] }]);
  });

  it("fails on an unknown library name, listing the names the server has", async () => {
    const read = readAll(readPlex({ ...options, libraries: ["Movies", "Films"] }));

    await expect(read).rejects.toMatchObject({
      code: "not_found",
      message: 'Plex has no library named "Films"; its libraries are: "Movies", "TV Shows", "Music"',
    });
  });

  it("refuses a named library that holds neither movies nor shows", async () => {
    await expect(readAll(readPlex({ ...options, libraries: ["Music"] }))).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("plexStream", () => {
  const connection = { url: "http://plex.local:32400/base/", secret: "tok" };
  const entry = (key: string | undefined) => ({
    ratingKey: "9",
    updatedAt: 1_650_000_000,
    Media: [
      {
        Part: [
          { id: 7, file: "/m/a-cd1.avi", key },
          { id: 8, file: "/m/a-cd2.avi" },
        ],
      },
    ],
  });

  it("reads the asset's own part by its key, the token in a header", () => {
    expect(plexStream(connection, entry("/library/parts/7/1650000000/file.avi"), (p) => p === "/m/a-cd1.avi")).toEqual({
      url: "http://plex.local:32400/base/library/parts/7/1650000000/file.avi",
      headers: { "X-Plex-Token": "tok" },
    });
  });

  it("builds the part's path from its id when the stored key is missing or not a part key", () => {
    const isSecond = (path: string) => path === "/m/a-cd2.avi";
    expect(plexStream(connection, entry(undefined), isSecond)?.url).toBe(
      "http://plex.local:32400/base/library/parts/8/1650000000/file",
    );
    const isFirst = (path: string) => path === "/m/a-cd1.avi";
    expect(plexStream(connection, entry("/library/parts/7/../../../:/prefs"), isFirst)?.url).toBe(
      "http://plex.local:32400/base/library/parts/7/1650000000/file",
    );
  });

  it("is null when no part is the asset's and there are several, or the JSON is not an entry", () => {
    expect(plexStream(connection, entry(undefined), () => false)).toBeNull();
    expect(plexStream(connection, { Media: "no" }, () => true)).toBeNull();
  });
});
