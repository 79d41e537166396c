import { beforeAll, describe, expect, it, vi } from "vitest";
import { assetCsvChunks, assetCsvFileName, assetCsvStream } from "@/lib/assets/export-csv";
import {
  ASSET_EXPORT_DEFAULTS,
  assetExportHref,
  parseAssetExportParams,
  type AssetExportQuery,
} from "@/lib/assets/export-params";
import { ASSET_LIST_DEFAULTS } from "@/lib/assets/list-params";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";
import { createAsset } from "@/lib/seed/factories";

// The CSV export on a real database: 25 matching assets read 7 at a time, so the rows cross pages.

const tag = `export-${process.pid}-${Date.now()}`;
const PAGE_SIZE = 7;
/** Matching assets, smallest first. */
let matching: Array<{ id: number; uuid: string; size: bigint }> = [];

const query = (change: Partial<AssetExportQuery> = {}): AssetExportQuery => ({
  ...ASSET_EXPORT_DEFAULTS,
  q: tag,
  container: ["mkv"],
  sort: "size",
  dir: "asc",
  ...change,
});

async function exportText(change: Partial<AssetExportQuery> = {}): Promise<string> {
  return new Response(await assetCsvStream(await getDb(), query(change), { pageSize: PAGE_SIZE })).text();
}

/** Lines of an export without quoted line breaks. */
const lines = (text: string) => text.split("\r\n").slice(0, -1);

beforeAll(async () => {
  const db = await getDb();
  for (let i = 0; i < 25; i++) {
    // Sizes out of insertion order, and two equal sizes, so the sort and its uuid tie-break are what order the rows.
    const size = BigInt(1_000_000 + ((i * 7) % 25) * 1000 - (i === 3 ? 1000 : 0));
    await createAsset(db, { uri: `/media/${tag}/clip-${i}.mkv`, container: "mkv", size });
  }
  await createAsset(db, { uri: `/media/${tag}/other.mp4`, container: "mp4" });
  await createAsset(db, { uri: `/media/elsewhere/${tag.replace("export", "x")}.mkv`, container: "mkv" });
  const rows = await db.asset.findMany({
    where: { uri: { startsWith: `/media/${tag}/clip-` } },
    select: { id: true, uuid: true, size: true },
  });
  matching = rows.sort((a, b) => (a.size === b.size ? (a.uuid < b.uuid ? -1 : 1) : a.size < b.size ? -1 : 1));
  const first = await db.asset.findFirstOrThrow({ where: { uuid: matching[0]!.uuid } });
  await db.providerRef.createMany({
    data: [
      { assetId: first.id, provider: "plex", providerKey: `${tag}-plex` },
      { assetId: first.id, provider: "jellyfin", providerKey: `${tag}-jf` },
    ],
  });
});

describe("assetCsvStream", () => {
  it("writes every matching asset exactly once, in the sort order, across pages", async () => {
    const [header, ...rows] = lines(await exportText());
    expect(header).toBe(
      "uuid,uri,status,duration_ms,size_bytes,container,video_codec,audio_codec," +
        "video_height,interlaced,hdr,audio_channels,audio_languages,subtitle_count,providers,episode,discovered_at,sha256," +
        "qc_verdict,loudness_lufs,title,tags,notes_count",
    );
    expect(rows.map((row) => row.split(",")[0])).toEqual(matching.map((asset) => asset.uuid));
    expect(rows.map((row) => row.split(",")[4])).toEqual(matching.map((asset) => asset.size.toString()));

    const descending = lines(await exportText({ dir: "desc" })).slice(1);
    expect(descending.map((row) => row.split(",")[0])).toEqual(matching.map((asset) => asset.uuid).reverse());
  });

  it("writes plain values: sizes in bytes, ISO times in UTC, status words, providers joined with ;", async () => {
    const db = await getDb();
    const asset = await db.asset.findUniqueOrThrow({ where: { uuid: matching[0]!.uuid } });
    const row = lines(await exportText())[1]!.split(",");
    expect(row).toEqual([
      asset.uuid,
      asset.uri,
      "pending",
      String(asset.durationMs),
      asset.size.toString(),
      "mkv",
      asset.videoCodec,
      asset.audioCodec,
      ...["", "", "", "", "", ""], // no full probe yet: the streams fields are empty
      "jellyfin;plex",
      "",
      asset.discoveredAt.toISOString(),
      asset.hashSha256,
      "not_checked",
      "",
      "", // no editorial title, no tags, no notes
      "",
      "0",
    ]);
    expect(row[16]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("applies the filter", async () => {
    const mp4 = lines(await exportText({ container: ["mp4"] }));
    expect(mp4).toHaveLength(2);
    expect(mp4[1]).toContain(`/media/${tag}/other.mp4`);
    expect(lines(await exportText({ q: `${tag}-nothing` }))).toEqual([lines(await exportText())[0]]);
  });

  it("writes the columns asked for, in that order, after the uuid", async () => {
    const [header, first] = lines(await exportText({ columns: ["size", "uri", "status"] }));
    expect(header).toBe("uuid,size_bytes,uri,status");
    expect(first).toBe(`${matching[0]!.uuid},${matching[0]!.size},/media/${tag}/clip-0.mkv,pending`);
  });

  it("escapes commas, quotes and line breaks, and defuses cells a spreadsheet would run as formulas", async () => {
    const db = await getDb();
    const odd = tag.replace("export", "escape");
    const quoted = await createAsset(db, { uri: `/media/${odd}/a, "quoted" name.mkv`, size: 0n });
    const broken = await createAsset(db, { uri: `/media/${odd}/line\nbreak.mkv`, size: 1n });
    const starts = ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "\tx", "\rx"];
    const formulas = await Promise.all(
      starts.map((start, i) => createAsset(db, { uri: `${start} ${odd}`, size: BigInt(2 + i) })),
    );
    const text = await exportText({ q: odd, container: undefined, columns: ["uri"] });
    expect(text).toBe(
      [
        "uuid,uri",
        `${quoted.uuid},"/media/${odd}/a, ""quoted"" name.mkv"`,
        `${broken.uuid},"/media/${odd}/line\nbreak.mkv"`,
        `${formulas[0]!.uuid},'=cmd|' /C calc'!A0 ${odd}`,
        `${formulas[1]!.uuid},'+1 ${odd}`,
        `${formulas[2]!.uuid},'-2 ${odd}`,
        `${formulas[3]!.uuid},'@SUM(A1) ${odd}`,
        `${formulas[4]!.uuid},'\tx ${odd}`,
        `${formulas[5]!.uuid},"'\rx ${odd}"`,
        "",
      ].join("\r\n"),
    );
  });

  it("carries uuids and never an integer id", async () => {
    const [header, ...rows] = lines(await exportText());
    expect(header!.split(",")).not.toContain("id");
    const ids = new Map(matching.map((asset) => [asset.uuid, String(asset.id)]));
    for (const row of rows) {
      const [uuid, ...cells] = row.split(",");
      expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(cells).not.toContain(ids.get(uuid!));
    }
  });

  it("drops the page being read when the reader goes away, and reads no other", async () => {
    // A database whose queries after the first wait until released: the reader leaves mid-page.
    const db = await getDb();
    let queries = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = new Proxy(db, {
      get: (target, key, receiver) =>
        key === "$queryRaw"
          ? async (...args: Parameters<typeof db.$queryRaw>) => {
              if (++queries > 1) await gate;
              return target.$queryRaw(...args);
            }
          : Reflect.get(target, key, receiver),
    });
    const failed = vi.spyOn(log, "error");
    const reader = (await assetCsvStream(held, query(), { pageSize: PAGE_SIZE })).getReader();
    await reader.read();
    const reading = reader.read();
    await vi.waitFor(() => expect(queries).toBe(2));
    const leaving = reader.cancel();
    release();
    await leaving;
    expect(await reading).toEqual({ done: true, value: undefined });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(queries).toBe(2);
    expect(failed).not.toHaveBeenCalled();
    failed.mockRestore();
  });

  it("reads no further page once the signal is aborted", async () => {
    const abort = new AbortController();
    const chunks = assetCsvChunks(await getDb(), query(), { pageSize: PAGE_SIZE, signal: abort.signal });
    const first = await chunks.next();
    expect(lines(first.value as string)).toHaveLength(1 + PAGE_SIZE);
    abort.abort();
    expect(await chunks.next()).toEqual({ done: true, value: undefined });
  });
});

describe("the export's URL", () => {
  it("reads the table's filters and sort, and rejects paging and unknown columns", () => {
    expect(parseAssetExportParams({ q: "x", sort: "size", columns: "hash,uri" })).toEqual({
      query: { ...ASSET_EXPORT_DEFAULTS, q: "x", sort: "size", columns: ["hash", "uri"] },
      notices: [],
    });
    expect(parseAssetExportParams({ columns: "uri,colour" }).notices).toHaveLength(1);
    expect(parseAssetExportParams({ per: "25", after: "abc" }).notices).toEqual([
      "Ignored the unknown parameter “per”.",
      "Ignored the unknown parameter “after”.",
    ]);
  });

  it("is the table's view without paging, with the columns shown that can be exported", () => {
    const view = { ...ASSET_LIST_DEFAULTS, container: ["mkv"], sort: "size" as const, per: 25 as const, after: "abc" };
    expect(assetExportHref(view, ["select", "uri", "size", "actions"])).toBe(
      "/api/v1/assets/export.csv?container=mkv&sort=size&columns=uri%2Csize",
    );
    expect(assetExportHref(ASSET_LIST_DEFAULTS, [...ASSET_EXPORT_DEFAULTS.columns])).toBe("/api/v1/assets/export.csv");
  });

  it("names the file after the UTC time", () => {
    expect(assetCsvFileName(new Date("2026-11-24T10:15:00.123Z"))).toBe("assets-20261124T101500Z.csv");
  });
});
