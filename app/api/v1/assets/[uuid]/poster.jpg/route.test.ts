import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actAs } from "@/lib/testing/session";
import { GET as poster } from "@/app/api/v1/assets/[uuid]/poster.jpg/route";
import { GET as strip } from "@/app/api/v1/assets/[uuid]/strip.jpg/route";
import { GET as vtt } from "@/app/api/v1/assets/[uuid]/strip.vtt/route";
import { getDb } from "@/lib/db";
import { createAsset, createUser } from "@/lib/seed/factories";
import { makeClip } from "@/lib/testing/thumbnail-fixtures";
import { makeThumbnails } from "@/lib/thumbnails/make";

// The three thumbnail routes on real pictures: the media route's rules (roles, deleted assets only
// for trash.manage, the media roots), pending pictures queued once, and the caching headers.

type Route = typeof poster;
let dir: string;
let outside: string;
const users = {} as Record<"operator" | "editor" | "admin", string>;
const assets = {} as Record<"live" | "deleted" | "outside" | "pending", string>;

const get = (route: Route, uuid: string, file: string, headers: HeadersInit = {}) =>
  route(new Request(`http://localhost/api/v1/assets/${uuid}/${file}`, { headers }), {
    params: Promise.resolve({ uuid }),
  });

async function clipAsset(file: string, overrides: { isDeleted?: boolean } = {}) {
  await makeClip(file, { seconds: 12 });
  const hashSha256 = createHash("sha256")
    .update(await readFile(file))
    .digest("hex");
  const { uuid } = await createAsset(await getDb(), {
    uri: file,
    size: BigInt((await stat(file)).size),
    durationMs: 12_000,
    videoCodec: "mpeg4",
    container: "mp4",
    hashSha256,
    probeError: null,
    ...overrides,
  });
  return uuid;
}

/** How many thumbnail jobs wait for this asset. */
async function queued(uuid: string): Promise<number> {
  const [row] = await (
    await getDb()
  ).$queryRaw<
    { n: bigint }[]
  >`SELECT count(*) AS n FROM pgboss.job WHERE name = 'thumbnails' AND singleton_key = ${uuid} AND state = 'created'`;
  return Number(row?.n ?? 0);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-thumb-route-"));
  outside = await mkdtemp(path.join(os.tmpdir(), "asset-desk-thumb-outside-"));
  const db = await getDb();
  await db.source.create({ data: { kind: "filesystem", name: `thumb route ${dir}`, roots: [dir] } });
  for (const role of ["operator", "editor", "admin"] as const) users[role] = (await createUser(db, { role })).uuid;
  assets.live = await clipAsset(path.join(dir, "live.mp4"));
  assets.deleted = await clipAsset(path.join(dir, "deleted.mp4"), { isDeleted: true });
  assets.pending = await clipAsset(path.join(dir, "pending.mp4"));
  assets.outside = await clipAsset(path.join(outside, "secret.mp4"));
  for (const uuid of [assets.live, assets.deleted]) expect(await makeThumbnails(db, uuid)).toBe("made");
}, 60_000);
afterAll(() => Promise.all([rm(dir, { recursive: true, force: true }), rm(outside, { recursive: true, force: true })]));

describe("GET /api/v1/assets/{uuid}/poster.jpg, strip.jpg, strip.vtt", () => {
  it("serves the pictures with an ETag from the file's sha256, and 304 when it matches", async () => {
    await actAs(users.operator);
    const response = await get(poster, assets.live, "poster.jpg");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect(response.headers.get("cache-control")).toBe("private, max-age=60");
    const { hashSha256 } = await (await getDb()).asset.findUniqueOrThrow({ where: { uuid: assets.live } });
    const etag = response.headers.get("etag")!;
    expect(etag).toContain(hashSha256!);
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    const again = await get(poster, assets.live, "poster.jpg", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();

    const sprite = await get(strip, assets.live, "strip.jpg");
    expect(sprite.status).toBe(200);
    expect(sprite.headers.get("etag")).not.toBe(etag);
  });

  it("serves the WebVTT track: two cues for 12 s, each pointing at the uuid's sprite", async () => {
    await actAs(users.operator);
    const response = await get(vtt, assets.live, "strip.vtt");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/vtt; charset=utf-8");
    expect(await response.text()).toBe(
      [
        "WEBVTT",
        "",
        "00:00:00.000 --> 00:00:06.000",
        `/api/v1/assets/${assets.live}/strip.jpg#xywh=0,0,160,90`,
        "",
        "00:00:06.000 --> 00:00:12.000",
        `/api/v1/assets/${assets.live}/strip.jpg#xywh=160,0,160,90`,
        "",
      ].join("\n"),
    );
  });

  it("queues pictures not made yet once, and answers 404 thumbnail_pending with Retry-After", async () => {
    await actAs(users.editor);
    for (let i = 0; i < 2; i++) {
      const response = await get(poster, assets.pending, "poster.jpg");
      expect(response.status).toBe(404);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await response.json()).toMatchObject({ code: "thumbnail_pending" });
    }
    expect(await queued(assets.pending)).toBe(1);
  });

  it.each(["operator", "editor", "admin"] as const)(
    "as %s: the live asset's pictures; a deleted one's only with trash.manage",
    async (role) => {
      await actAs(users[role]);
      for (const [route, file] of [
        [poster, "poster.jpg"],
        [strip, "strip.jpg"],
        [vtt, "strip.vtt"],
      ] as const) {
        expect((await get(route, assets.live, file)).status).toBe(200);
        const deleted = await get(route, assets.deleted, file);
        if (role === "admin") expect(deleted.status).toBe(200);
        else {
          expect(deleted.status).toBe(404);
          expect(await deleted.json()).toMatchObject({ code: "not_found", detail: "No asset has this uuid." });
        }
      }
    },
  );

  it("answers 401 without a session", async () => {
    await actAs(null);
    expect((await get(poster, assets.live, "poster.jpg")).status).toBe(401);
  });

  it("answers 404 for a file outside the media roots, without its path, and queues nothing", async () => {
    await actAs(users.admin);
    for (const [route, file] of [
      [poster, "poster.jpg"],
      [vtt, "strip.vtt"],
    ] as const) {
      const response = await get(route, assets.outside, file);
      expect(response.status).toBe(404);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ code: "not_found" });
      expect(text).not.toContain(outside);
    }
    expect(await queued(assets.outside)).toBe(0);
  });
});
