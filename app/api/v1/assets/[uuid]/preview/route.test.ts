import { execFile } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as previewRoute } from "@/app/api/v1/assets/[uuid]/preview/route";
import { GET as playlistRoute } from "@/app/api/v1/assets/[uuid]/preview/index.m3u8/route";
import { GET as segmentRoute } from "@/app/api/v1/assets/[uuid]/preview/[segment]/route";
import { GET as mediaRoute } from "@/app/api/v1/assets/[uuid]/media/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { runningEncoders, stopAllEncoders } from "@/lib/preview/encoder";
import { createAsset, createUser } from "@/lib/seed/factories";

// The preview routes on real files with the real ffmpeg: how each asset plays, the playlist, a
// segment, a stale playlist, the visibility rule, files outside the roots, and the transcode limit.

const run = promisify(execFile);
const ROLES = ["operator", "admin"] as const;
const tokens = {} as Record<(typeof ROLES)[number], string>;
let work: string;
const assets = {} as Record<"transcode" | "remux" | "direct" | "outside" | "deleted" | "other", string>;

const get = (role: (typeof ROLES)[number], url: string, signal?: AbortSignal) =>
  new Request(`http://localhost/api/v1${url}`, { headers: { authorization: `Bearer ${tokens[role]}` }, signal });
const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });

beforeAll(async () => {
  const db = await getDb();
  work = await mkdtemp(path.join(os.tmpdir(), "asset-desk-preview-route-"));
  const outside = await mkdtemp(path.join(os.tmpdir(), "asset-desk-preview-outside-"));
  const source = ["-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=120"];
  const tone = ["-f", "lavfi", "-i", "sine=duration=120"];
  const files = {
    ts: path.join(work, "broadcast.ts"),
    mkv: path.join(work, "clip.mkv"),
    mp4: path.join(work, "clip.mp4"),
    outside: path.join(outside, "secret.ts"),
  };
  const x264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "50", "-c:a", "aac"];
  await Promise.all([
    run("ffmpeg", ["-v", "error", ...source, ...tone, "-c:v", "mpeg2video", "-c:a", "mp2", "-f", "mpegts", files.ts]),
    run("ffmpeg", ["-v", "error", ...source, ...tone, ...x264, files.mkv]),
    run("ffmpeg", ["-v", "error", ...source, ...tone, ...x264, files.mp4]),
  ]);
  await run("cp", [files.ts, files.outside]);
  await run("cp", [files.ts, path.join(work, "copy.ts")]);
  await db.source.create({ data: { kind: "filesystem", name: `preview ${path.basename(work)}`, roots: [work] } });

  const asset = async (file: string, format: [string, string, string], extra: object = {}) => {
    const [container, videoCodec, audioCodec] = format;
    const { size } = await stat(file);
    return (
      await createAsset(db, {
        uri: file,
        size: BigInt(size),
        durationMs: 120_000,
        container,
        videoCodec,
        audioCodec,
        hashSha256: `${path.basename(file)}-${work}`.padEnd(64, "0").slice(0, 64),
        ...extra,
      })
    ).uuid;
  };
  assets.transcode = await asset(files.ts, ["mpegts", "mpeg2video", "mp2"]);
  assets.other = await asset(path.join(work, "copy.ts"), ["mpegts", "mpeg2video", "mp2"]);
  assets.remux = await asset(files.mkv, ["mkv", "h264", "aac"]);
  assets.direct = await asset(files.mp4, ["mp4", "h264", "aac"]);
  assets.outside = await asset(files.outside, ["mpegts", "mpeg2video", "mp2"]);
  assets.deleted = await asset(files.mkv, ["mkv", "h264", "aac"], {
    uri: `${files.mkv}#deleted`,
    isDeleted: true,
    deletedAt: new Date(),
  });
  for (const role of ROLES) {
    const user = await createUser(db, { role });
    tokens[role] = (
      await createApiToken(
        db,
        { id: null, uuid: null, email: "setup@test.local" },
        { ownerEmail: user.email, name: `preview ${role}` },
      )
    ).secret;
  }
  return () => rm(outside, { recursive: true, force: true });
});

afterEach(async () => {
  env.ASSET_DESK_TRANSCODES = undefined;
  stopAllEncoders();
  await expect.poll(() => runningEncoders().length, { timeout: 20_000 }).toBe(0);
});

afterAll(() => rm(work, { recursive: true, force: true }));

async function preview(role: (typeof ROLES)[number], uuid: string) {
  return previewRoute(get(role, `/assets/${uuid}/preview`), params({ uuid }));
}

describe("GET /assets/{uuid}/preview", () => {
  it("says how each asset plays and what the player loads", async () => {
    expect(await (await preview("operator", assets.transcode)).json()).toEqual({
      mode: "transcode",
      why: "transcoded: MPEG-2/MP2 in MPEG-TS",
      source: "file",
      url: `/api/v1/assets/${assets.transcode}/preview/index.m3u8`,
      durationMs: 120_000,
    });
    expect(await (await preview("operator", assets.remux)).json()).toMatchObject({ mode: "remux", source: "file" });
    expect(await (await preview("operator", assets.direct)).json()).toMatchObject({
      mode: "direct",
      url: `/api/v1/assets/${assets.direct}/media`,
    });
  });

  it("does not play a file outside every source's folders, and does not say where it is", async () => {
    const body = await (await preview("operator", assets.outside)).json();
    expect(body).toMatchObject({ mode: "none", url: null, source: null });
    expect(JSON.stringify(body)).not.toContain("secret.ts");
    const playlist = await playlistRoute(
      get("operator", `/assets/${assets.outside}/preview/index.m3u8`),
      params({ uuid: assets.outside }),
    );
    expect(playlist.status).toBe(415);
  });

  it("shows a deleted asset only to trash.manage", async () => {
    expect((await preview("operator", assets.deleted)).status).toBe(404);
    expect((await preview("admin", assets.deleted)).status).toBe(200);
  });
});

describe("the playlist and its segments", () => {
  it("lists every segment up front and serves one as MPEG-TS, made on demand", async () => {
    const uuid = assets.transcode;
    const playlist = await playlistRoute(get("operator", `/assets/${uuid}/preview/index.m3u8`), params({ uuid }));
    expect(playlist.headers.get("content-type")).toBe("application/vnd.apple.mpegurl");
    const text = await playlist.text();
    expect(text).toContain("#EXT-X-PLAYLIST-TYPE:VOD");
    expect(text).toContain("#EXT-X-ENDLIST");
    const names = text.split("\n").filter((line) => line.endsWith(".ts"));
    expect(names).toHaveLength(30);
    const [identity] = names[0]!.split("-");

    const segment = names[12]!;
    const response = await segmentRoute(
      get("operator", `/assets/${uuid}/preview/${segment}`),
      params({ uuid, segment }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("video/mp2t");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes[0]).toBe(0x47); // the MPEG-TS sync byte

    const stale = `${"0".repeat(16)}-12.ts`;
    expect(identity).not.toBe("0".repeat(16));
    const conflict = await segmentRoute(
      get("operator", `/assets/${uuid}/preview/${stale}`),
      params({ uuid, segment: stale }),
    );
    expect(conflict.status).toBe(409);
    const badName = await segmentRoute(
      get("operator", `/assets/${uuid}/preview/x.ts`),
      params({ uuid, segment: "x.ts" }),
    );
    expect(badName.status).toBe(400);
  });

  it("cuts a remux at the file's keyframes and sends 415 from the media route for it", async () => {
    const uuid = assets.remux;
    const text = await (
      await playlistRoute(get("operator", `/assets/${uuid}/preview/index.m3u8`), params({ uuid }))
    ).text();
    const lengths = text
      .split("\n")
      .filter((line) => line.startsWith("#EXTINF:"))
      .map((line) => Number(line.slice(8, -1)));
    expect(lengths.reduce((sum, length) => sum + length, 0)).toBeCloseTo(120, 0);
    // Keyframes every 2 s: cuts every 4 s.
    expect(lengths.slice(0, -1).every((length) => Math.abs(length - 4) < 0.1)).toBe(true);
    const media = await mediaRoute(get("operator", `/assets/${uuid}/media`), params({ uuid }));
    expect(media.status).toBe(415);
  });

  it("answers 503 with Retry-After beyond the transcode limit, for the playlist and for a segment", async () => {
    env.ASSET_DESK_TRANSCODES = 1;
    const held = new AbortController();
    const [identity] = (
      await (
        await playlistRoute(
          get("operator", `/assets/${assets.transcode}/preview/index.m3u8`),
          params({ uuid: assets.transcode }),
        )
      ).text()
    )
      .split("\n")
      .filter((line) => line.endsWith(".ts"))[0]!
      .split("-");
    const segment = `${identity}-25.ts`;
    // A viewer waiting for a segment far into the file holds the only transcoder.
    const holding = segmentRoute(
      get("operator", `/assets/${assets.transcode}/preview/${segment}`, held.signal),
      params({ uuid: assets.transcode, segment }),
    );
    await expect.poll(() => runningEncoders().length).toBe(1);

    const uuid = assets.other;
    const playlist = await playlistRoute(get("operator", `/assets/${uuid}/preview/index.m3u8`), params({ uuid }));
    expect(playlist.status).toBe(503);
    expect(playlist.headers.get("retry-after")).toBe("5");
    expect(await playlist.json()).toMatchObject({ code: "preview_busy" });

    const first = `${await identityOf(uuid)}-0.ts`;
    const busy = await segmentRoute(
      get("operator", `/assets/${uuid}/preview/${first}`),
      params({ uuid, segment: first }),
    );
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("5");
    expect(await busy.json()).toMatchObject({ code: "preview_busy", detail: expect.stringContaining("busy") });
    held.abort();
    await holding.catch(() => undefined);
  });
});

/** The file identity a playlist names its segments with (taken from the playlist, with the limit off). */
async function identityOf(uuid: string): Promise<string> {
  const limit = env.ASSET_DESK_TRANSCODES;
  env.ASSET_DESK_TRANSCODES = undefined;
  try {
    const text = await (
      await playlistRoute(get("operator", `/assets/${uuid}/preview/index.m3u8`), params({ uuid }))
    ).text();
    return text
      .split("\n")
      .find((line) => line.endsWith(".ts"))!
      .split("-")[0]!;
  } finally {
    env.ASSET_DESK_TRANSCODES = limit;
  }
}
