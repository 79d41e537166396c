import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readFile, realpath, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMediaRoots } from "@/lib/assets/media-roots";
import type { AuditActor } from "@/lib/audit/write";
import { getDb } from "@/lib/db";
import { createRun, executeRun } from "@/lib/ingest/runs";
import { sealSecret } from "@/lib/ingest/source-secrets";
import { createSource, deleteSource } from "@/lib/ingest/sources";
import { ffmpegPath } from "@/lib/media/binaries";
import { ffmpegInputArgs } from "@/lib/media/input";
import { describeInput, resolveMediaInput, type ResolvedMediaInput } from "@/lib/media/resolve-input";
import { fakeMovie, startFakeMediaServer, type FakeMediaServer } from "@/lib/testing/fake-media-server";
import { makeMediaFixtures, type FixtureName } from "@/lib/testing/media-fixtures";

// Where an asset's media is read from, against real PostgreSQL, assets and refs written by real
// imports from the fake Plex/Jellyfin server over sockets, and real ffmpeg reading what it resolves.

const run = promisify(execFile);
const TOKEN = "stream-token-0123456789";
const actor: AuditActor = { id: null, uuid: null, email: "resolve-test@test.local" };
let server: FakeMediaServer;
let fixtures: Record<FixtureName, string>;
let temp: string;
let media: string;
const sources: Record<"plex" | "jellyfin", { uuid: string }> = {} as never;

beforeAll(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), "asset-desk-resolve-"));
  fixtures = await makeMediaFixtures(path.join(temp, "fixtures"));
  media = path.join(temp, "media");
  // Both servers see /srv/media/...; here each has its own folder, and only "local.mp4" is on disk.
  for (const kind of ["plex", "jellyfin"]) {
    await mkdir(path.join(media, kind), { recursive: true });
    await copyFile(fixtures.mp4, path.join(media, kind, "local.mp4"));
  }
  const movies = [
    fakeMovie({ key: "101", title: "Local", path: "/srv/media/local.mp4", file: fixtures.mp4 }),
    fakeMovie({ key: "102", title: "Remote", path: "/srv/media/remote.mp4", file: fixtures.mp4 }),
    {
      key: "103",
      title: "Two Cuts",
      versions: [
        { container: "mp4", parts: [{ path: "/srv/media/cuts-silent.mp4", size: 1000, file: fixtures.noAudio }] },
        { container: "webm", parts: [{ path: "/srv/media/cuts.webm", size: 1000, file: fixtures.webm }] },
      ],
    },
  ];
  server = await startFakeMediaServer({
    token: TOKEN,
    libraries: [{ key: "1", name: "Movies", type: "movie", items: movies }],
  });
  const db = await getDb();
  for (const kind of ["plex", "jellyfin"] as const) {
    sources[kind] = await createSource(db, actor, {
      kind,
      name: `${kind} server`,
      roots: [],
      url: kind === "plex" ? server.plexUrl : server.jellyfinUrl,
      secret: TOKEN,
      libraries: [],
      pathMaps: [{ from: "/srv/media", to: path.join(media, kind) }],
    });
    const created = await createRun(db, actor, sources[kind].uuid, "cli");
    expect(await executeRun(db, created.uuid)).toMatchObject({ status: "succeeded" });
  }
}, 60_000);

afterAll(async () => {
  await server?.close();
  await rm(temp, { recursive: true, force: true });
});

async function resolve(kind: "plex" | "jellyfin", file: string): Promise<ResolvedMediaInput | null> {
  const db = await getDb();
  const asset = await db.asset.findUniqueOrThrow({
    where: { uri: path.join(media, kind, file) },
    select: { id: true, uri: true },
  });
  return resolveMediaInput(db, asset, await loadMediaRoots(db));
}

/** A Range request as a player would send it, with the input's headers. */
async function fetchRange(input: ResolvedMediaInput | null, range: string) {
  if (input?.kind !== "provider") throw new Error(`expected a provider input, got ${input?.kind}`);
  const response = await fetch(input.url, { headers: { ...input.headers, Range: range } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe("resolveMediaInput", () => {
  it("reads the file itself when it lies inside the media roots", async () => {
    const input = await resolve("jellyfin", "local.mp4");
    expect(input).toEqual({ kind: "file", path: await realpath(path.join(media, "jellyfin", "local.mp4")) });
    expect(describeInput(input!)).toBe("the file in the media folders");
  });

  it("falls back to Jellyfin's static stream, the API key in a header and never in the URL", async () => {
    const input = await resolve("jellyfin", "remote.mp4");
    expect(input).toEqual({
      kind: "provider",
      provider: "jellyfin",
      url: `${server.jellyfinUrl}/Videos/102/stream?static=true`,
      headers: { Authorization: `MediaBrowser Token="${TOKEN}"` },
      source: { uuid: sources.jellyfin.uuid, name: "jellyfin server" },
    });
    expect(describeInput(input!)).toBe("Jellyfin server “jellyfin server”");
    const first = await fetchRange(input, "bytes=0-99");
    expect(first).toEqual({ status: 206, bytes: (await readFile(fixtures.mp4)).subarray(0, 100) });
  });

  it("falls back to Plex's part file with the X-Plex-Token header", async () => {
    const input = await resolve("plex", "remote.mp4");
    expect(input).toMatchObject({
      kind: "provider",
      provider: "plex",
      url: expect.stringMatching(new RegExp(`^${server.plexUrl}/library/parts/\\d+/1700000000/file\\.mp4$`)),
      headers: { "X-Plex-Token": TOKEN },
      source: { uuid: sources.plex.uuid, name: "plex server" },
    });
    expect(describeInput(input!)).toBe("Plex server “plex server”");
    expect(await fetchRange(input, "bytes=10-19")).toEqual({
      status: 206,
      bytes: (await readFile(fixtures.mp4)).subarray(10, 20),
    });
  });

  it("plays the asset's own version of an item that has several", async () => {
    const jellyfin = await resolve("jellyfin", "cuts.webm");
    expect(jellyfin).toMatchObject({ url: `${server.jellyfinUrl}/Videos/103/stream?static=true&MediaSourceId=103v1` });
    const plex = await resolve("plex", "cuts.webm");
    const webm = (await readFile(fixtures.webm)).subarray(0, 64);
    for (const input of [jellyfin, plex])
      expect(await fetchRange(input, "bytes=0-63")).toEqual({ status: 206, bytes: webm });
    const silent = await resolve("plex", "cuts-silent.mp4");
    expect(silent).toMatchObject({ kind: "provider" });
    expect(silent).not.toMatchObject({ url: (plex as { url: string }).url });
  });

  it("is null for a file outside the roots without refs, and for refs whose source was removed", async () => {
    const db = await getDb();
    const outside = await db.asset.create({
      data: { uri: fixtures.mkv, size: 1n, discoveredAt: new Date() },
      select: { id: true, uri: true },
    });
    expect(await resolveMediaInput(db, outside, await loadMediaRoots(db))).toBeNull();

    const source = await createSource(db, actor, {
      kind: "jellyfin",
      name: "short-lived",
      roots: [],
      url: server.jellyfinUrl,
      secret: TOKEN,
      libraries: [],
      pathMaps: [{ from: "/srv/media", to: path.join(media, "gone") }],
    });
    await executeRun(db, (await createRun(db, actor, source.uuid, "cli")).uuid);
    const remote = await db.asset.findUniqueOrThrow({ where: { uri: path.join(media, "gone", "remote.mp4") } });
    expect(await resolveMediaInput(db, remote, await loadMediaRoots(db))).toMatchObject({ kind: "provider" });
    await deleteSource(db, actor, source.uuid);
    expect(await resolveMediaInput(db, remote, await loadMediaRoots(db))).toBeNull();
  });

  it("says which source's secret cannot be opened, rather than offering no preview", async () => {
    const db = await getDb();
    const { secret } = await db.source.findUniqueOrThrow({ where: { uuid: sources.plex.uuid } });
    // Sealed for another source: it does not open under this one's uuid.
    await db.source.update({ where: { uuid: sources.plex.uuid }, data: { secret: sealSecret(TOKEN, randomUUID()) } });
    try {
      await expect(resolve("plex", "remote.mp4")).rejects.toThrow(/“plex server” cannot be decrypted/);
    } finally {
      await db.source.update({ where: { uuid: sources.plex.uuid }, data: { secret } });
    }
  });
});

describe("ffmpeg reading a provider input", () => {
  it("reads the Jellyfin stream and seeks in it over Range, the key in a header", async () => {
    const input = await resolve("jellyfin", "remote.mp4");
    const seen = server.requests.length;
    await run(ffmpegPath(), [
      "-v",
      "error",
      "-ss",
      "0.5",
      ...ffmpegInputArgs(input!),
      "-frames:v",
      "1",
      "-f",
      "null",
      "-",
    ]);
    const streams = server.requests
      .slice(seen)
      .filter((request) => request.path.startsWith("/jellyfin/Videos/102/stream"));
    // The fixture's index sits at the end of the file: ffmpeg must seek there and back.
    expect(streams.some((request) => /^bytes=[1-9]\d*-/.test(String(request.headers.range)))).toBe(true);
    for (const request of streams) {
      expect(request.headers.authorization).toBe(`MediaBrowser Token="${TOKEN}"`);
      expect(request.path).not.toContain(TOKEN);
    }
  });
});
