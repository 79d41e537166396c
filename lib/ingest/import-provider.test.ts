import { copyFile, mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AuditActor } from "@/lib/audit/write";
import { getDb } from "@/lib/db";
import { getRunSummary } from "@/lib/ingest/run-report";
import { createRun, executeRun } from "@/lib/ingest/runs";
import { createSource } from "@/lib/ingest/sources";
import {
  fakeEpisode,
  fakeMovie,
  startFakeMediaServer,
  type FakeLibrary,
  type FakeMediaServer,
} from "@/lib/testing/fake-media-server";
import { makeMediaFixtures } from "@/lib/testing/media-fixtures";

// Plex and Jellyfin imports end to end, against a local server speaking both APIs and the desk's
// database: identity after path maps, local hashing where reachable, episodes, idempotent reruns,
// and runs that fail cleanly (401, timeouts, malformed replies) keeping what they committed.

vi.hoisted(() => {
  process.env.PROVIDER_TIMEOUT_MS = "300";
  process.env.PROVIDER_RETRIES = "1";
});

const TOKEN = "plex-token-123456";
const actor: AuditActor = { id: null, uuid: null, email: "import-test@test.local" };
let server: FakeMediaServer;
let media: string;

// The servers see /srv/media/...; here that folder is `media` (only "Heat" and the pilot are on disk).
function libraries(): FakeLibrary[] {
  return [
    {
      key: "1",
      name: "Movies",
      type: "movie",
      items: [
        fakeMovie({ key: "101", title: "Heat", path: "/srv/media/movies/heat.mp4", size: 0 }),
        fakeMovie({
          key: "102",
          title: "Ronin",
          path: "/srv/media/movies/ronin.mkv",
          size: 5_000_000,
          durationMs: 6_000_000,
          videoCodec: "hevc",
          audioCodec: "dca",
        }),
        {
          key: "103",
          title: "Two Parts",
          durationMs: 7_200_000,
          versions: [
            {
              container: "avi",
              videoCodec: "mpeg4",
              audioCodec: "mp3",
              parts: [
                { path: "/srv/media/movies/two-cd1.avi", size: 700_000, durationMs: 3_600_000 },
                { path: "/srv/media/movies/two-cd2.avi", size: 690_000, durationMs: 3_600_000 },
              ],
            },
          ],
        },
      ],
    },
    {
      key: "2",
      name: "Shows",
      type: "show",
      items: [
        fakeEpisode({
          key: "301",
          series: "Alpha",
          season: 1,
          episode: 1,
          title: "Pilot",
          path: "/srv/media/shows/alpha-s01e01.mkv",
          size: 0,
        }),
        fakeEpisode({
          key: "302",
          series: "Alpha",
          season: 1,
          episode: 2,
          path: "/srv/media/shows/alpha-s01e02.mkv",
          size: 3_000_000,
          durationMs: 1_500_000,
          videoCodec: "h264",
          audioCodec: "aac",
        }),
      ],
    },
  ];
}

beforeAll(async () => {
  const fixtures = await mkdtemp(path.join(os.tmpdir(), "asset-desk-import-fixtures-"));
  const files = await makeMediaFixtures(fixtures);
  media = await mkdtemp(path.join(os.tmpdir(), "asset-desk-import-"));
  await mkdir(path.join(media, "movies"));
  await mkdir(path.join(media, "shows"));
  await copyFile(files.mp4, path.join(media, "movies/heat.mp4"));
  await copyFile(files.mkv, path.join(media, "shows/alpha-s01e01.mkv"));
  await rm(fixtures, { recursive: true, force: true });
  const libs = libraries();
  // The on-disk files' real sizes, as a server would report them.
  libs[0]!.items[0]!.versions[0]!.parts[0]!.size = (await stat(path.join(media, "movies/heat.mp4"))).size;
  libs[1]!.items[0]!.versions[0]!.parts[0]!.size = (await stat(path.join(media, "shows/alpha-s01e01.mkv"))).size;
  server = await startFakeMediaServer({ token: TOKEN, libraries: libs });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await rm(media, { recursive: true, force: true });
});

let sources = 0;
async function source(kind: "plex" | "jellyfin", overrides: { secret?: string; libraries?: string[] } = {}) {
  const db = await getDb();
  return createSource(db, actor, {
    kind,
    name: `${kind} ${++sources}`,
    roots: [],
    url: kind === "plex" ? server.plexUrl : server.jellyfinUrl,
    secret: overrides.secret ?? TOKEN,
    libraries: overrides.libraries ?? [],
    pathMaps: [{ from: "/srv/media", to: media }],
  });
}

async function run(sourceUuid: string) {
  const db = await getDb();
  const created = await createRun(db, actor, sourceUuid, "cli");
  await executeRun(db, created.uuid);
  return getRunSummary(db, created.uuid);
}

const assetAt = async (uri: string) =>
  (await getDb()).asset.findUnique({
    where: { uri },
    include: { providerRefs: true, episodes: { include: { episode: true } } },
  });

describe("a Plex import", () => {
  let plex: { uuid: string };
  beforeAll(async () => {
    plex = await source("plex");
  });

  it("records each file part as an asset under its mapped path, hashing and probing what is reachable here", async () => {
    const summary = await run(plex.uuid);
    expect(summary).toMatchObject({ status: "succeeded", total: 5, done: 6, counts: { new: 6, failed: 0 } });
    const heat = await assetAt(path.join(media, "movies/heat.mp4"));
    expect(heat).toMatchObject({
      canonical: false,
      videoCodec: "h264",
      audioCodec: "aac",
      container: "mp4",
      hashSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(heat!.providerRefs).toMatchObject([{ provider: "plex", providerKey: "101" }]);
    expect(heat!.providerRefs[0]!.raw).toMatchObject({ ratingKey: "101", title: "Heat" });
    // Not on this machine: the provider's figures, in ffprobe's vocabulary, and no hash.
    expect(await assetAt(path.join(media, "movies/ronin.mkv"))).toMatchObject({
      size: 5_000_000n,
      durationMs: 6_000_000,
      videoCodec: "hevc",
      audioCodec: "dts",
      hashSha256: null,
    });
    const parts = await Promise.all(
      ["two-cd1.avi", "two-cd2.avi"].map((name) => assetAt(path.join(media, "movies", name))),
    );
    expect(parts.map((part) => part?.providerRefs[0]?.providerKey)).toEqual(["103", "103"]);
  });

  it("creates episodes from series, season and episode numbers and links them", async () => {
    const pilot = await assetAt(path.join(media, "shows/alpha-s01e01.mkv"));
    expect(pilot!.episodes.map((link) => link.episode)).toMatchObject([
      { seriesTitle: "Alpha", seasonNumber: 1, episodeNumber: 1, title: "Pilot" },
    ]);
    expect(pilot!.providerRefs[0]!.episodeId).toBe(pilot!.episodes[0]!.episodeId);
  });

  it("changes nothing when run again", async () => {
    const db = await getDb();
    const snapshot = () =>
      db.asset.findMany({
        where: { uri: { startsWith: media } },
        orderBy: { id: "asc" },
        include: { providerRefs: true, episodes: true },
      });
    const before = await snapshot();
    const audits = await db.auditEvent.count();
    const again = await run(plex.uuid);
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: 6, missing: 0, failed: 0 });
    expect(await snapshot()).toEqual(before);
    expect(await db.auditEvent.count()).toBe(audits + 1); // scan.start
  });

  it("marks what the server no longer lists as missing", async () => {
    const movies = server.state.libraries[0]!;
    const removed = movies.items.splice(1, 1);
    try {
      const summary = await run(plex.uuid);
      expect(summary.counts).toMatchObject({ missing: 1, unchanged: 5 });
      expect(await assetAt(path.join(media, "movies/ronin.mkv"))).toMatchObject({
        missingSince: expect.any(Date),
        isDeleted: false,
      });
    } finally {
      movies.items.splice(1, 0, ...removed);
    }
    expect((await run(plex.uuid)).counts).toMatchObject({ changed: 1, missing: 0 });
  });
  it("keeps an item's asset when the server reports it at another path (same key): moved, not new", async () => {
    const db = await getDb();
    const part = server.state.libraries[0]!.items[1]!.versions[0]!.parts[0]!;
    const before = (await assetAt(path.join(media, "movies/ronin.mkv")))!;
    part.path = "/srv/media/films/ronin (1998).mkv";
    try {
      const summary = await run(plex.uuid);
      expect(summary.counts).toMatchObject({ new: 0, missing: 0, changed: 1 });
      const after = await assetAt(path.join(media, "films/ronin (1998).mkv"));
      expect(after).toMatchObject({ uuid: before.uuid, missingSince: null });
      expect(after!.providerRefs).toMatchObject([{ provider: "plex", providerKey: "102" }]);
      expect(
        await db.auditEvent.findFirst({ where: { targetUuid: before.uuid, action: "asset.moved" } }),
      ).toMatchObject({ before: { uri: before.uri }, after: { uri: after!.uri, by: "provider_key" } });
    } finally {
      part.path = "/srv/media/movies/ronin.mkv";
    }
    expect((await run(plex.uuid)).counts).toMatchObject({ new: 0, missing: 0, changed: 1 });
    expect(await assetAt(path.join(media, "movies/ronin.mkv"))).toMatchObject({ uuid: before.uuid });
  });
});

describe("the same files from Jellyfin", () => {
  it("are the same assets: one asset, one ref per provider", async () => {
    const db = await getDb();
    const count = await db.asset.count({ where: { uri: { startsWith: media } } });
    const summary = await run((await source("jellyfin")).uuid);
    expect(summary).toMatchObject({ status: "succeeded", counts: { new: 0 } });
    expect(await db.asset.count({ where: { uri: { startsWith: media } } })).toBe(count);
    const heat = await assetAt(path.join(media, "movies/heat.mp4"));
    expect(heat!.providerRefs.map((ref) => ref.provider).sort()).toEqual(["jellyfin", "plex"]);
  });
});

describe("a failing server", () => {
  it("fails the run on a rejected token, naming the server and not the token", async () => {
    const summary = await run((await source("plex", { secret: "wrong-token" })).uuid);
    expect(summary.status).toBe("failed");
    expect(summary.error).toMatch(/rejected the token \(HTTP 401\)/);
    expect(summary.error).not.toContain("wrong-token");
  });

  it("fails the run after retrying a server that does not answer in time", async () => {
    server.inject({ kind: "delay", ms: 1_000, times: 2 });
    const summary = await run((await source("jellyfin")).uuid);
    expect(summary).toMatchObject({ status: "failed", error: expect.stringMatching(/did not answer within 300 ms/) });
  });

  it("fails the run on a malformed reply and keeps what earlier pages committed", async () => {
    const db = await getDb();
    const fresh = await source("plex", { libraries: ["Movies", "Shows"] });
    server.inject({ kind: "malformed-json", path: "/plex/library/sections/2/all", times: 1 });
    const summary = await run(fresh.uuid);
    expect(summary).toMatchObject({ status: "failed", error: expect.stringMatching(/not JSON|malformed/i) });
    // The Movies library was read and written before the Shows page broke.
    expect(await db.providerRef.count({ where: { source: { uuid: fresh.uuid } } })).toBe(4);
    expect(summary.counts.missing).toBe(0);
  });

  it("recovers from transient errors by retrying", async () => {
    server.inject({ kind: "status", status: 503, times: 1 });
    expect(await run((await source("plex")).uuid)).toMatchObject({ status: "succeeded", error: null });
  });
});
