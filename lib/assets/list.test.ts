import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import {
  ASSET_ISSUES,
  ASSET_LIST_DEFAULTS,
  ASSET_SORTS,
  QC_FILTERS,
  parseAssetListParams,
  type AssetListQuery,
  type AssetSort,
} from "@/lib/assets/list-params";
import { countAssetTabs, listAssets } from "@/lib/assets/list";
import { toSelection } from "@/lib/assets/selection";
import { previewTransition } from "@/lib/assets/workflow";
import { createAsset } from "@/lib/seed/factories";

// Filter + sort + keyset paging against an in-memory model over random data: walking the pages
// forwards (and back) yields exactly the matching rows, in the requested order, none twice.

interface Row {
  uri: string;
  size: bigint;
  durationMs: number | null;
  container: string | null;
  discoveredAt: Date;
  canonical: boolean;
  isDeleted: boolean;
  missingSince: Date | null;
  probeError: string | null;
  qcVerdict: "pass" | "warn" | "fail" | null;
  loudnessLufs: number | null;
}

const CONTAINERS = ["mkv", "mp4", "avi"];
let run = 0;

const rowArbitrary = fc.record({
  name: fc.string({ unit: fc.constantFrom(..."abcdefghij"), minLength: 6, maxLength: 6 }),
  // Few distinct values, so ties (broken by uuid) are common.
  size: fc.integer({ min: 1, max: 5 }).map((n) => BigInt(n) * 1_048_576n),
  durationMs: fc.option(
    fc.integer({ min: 1, max: 4 }).map((n) => n * 60_000),
    { freq: 4 },
  ),
  container: fc.option(fc.constantFrom(...CONTAINERS), { freq: 4 }),
  day: fc.integer({ min: 0, max: 3 }),
  canonical: fc.boolean(),
  isDeleted: fc.integer({ min: 0, max: 9 }).map((n) => n < 3),
  missing: fc.integer({ min: 0, max: 9 }).map((n) => n < 3),
  probeError: fc.option(fc.constantFrom("moov atom not found", "The file is empty (0 bytes)"), { freq: 3 }),
  qcVerdict: fc.option(fc.constantFrom("pass" as const, "warn" as const, "fail" as const), { freq: 3 }),
  // Few distinct values (ties), with fractions that must survive the cursor's text form.
  loudnessLufs: fc.option(fc.constantFrom(-23.1, -14.04, -24, -31.55), { freq: 3 }),
});

/** Mostly unset, so filters narrow some runs without leaving most of them empty. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary, weight: 1 });

const queryArbitrary = fc.record({
  sort: fc.constantFrom(...ASSET_SORTS),
  dir: fc.constantFrom("asc" as const, "desc" as const),
  status: fc.constantFrom("all" as const, "all" as const, "pending" as const, "deleted" as const),
  container: sometimes(fc.subarray(CONTAINERS, { minLength: 1 })),
  size_min: sometimes(fc.integer({ min: 1, max: 5 })),
  dur_max: sometimes(fc.integer({ min: 1, max: 4 }).map((n) => n * 60)),
  unprobed: sometimes(fc.constant("1" as const)),
  issue: sometimes(fc.constantFrom(...ASSET_ISSUES)),
  qc: sometimes(fc.constantFrom(...QC_FILTERS)),
  per: fc.integer({ min: 1, max: 7 }),
});

type Model = Row & { uuid: string };

function sortValue(row: Model, sort: AssetSort): string | number | bigint | null {
  switch (sort) {
    case "discovered":
      return row.discoveredAt.getTime();
    case "size":
      return row.size;
    case "duration":
      return row.durationMs;
    case "uri":
      return row.uri;
    case "container":
      return row.container;
    case "loudness":
      return row.loudnessLufs;
  }
}

function compare(a: Model, b: Model, sort: AssetSort, dir: "asc" | "desc"): number {
  const [x, y] = [sortValue(a, sort), sortValue(b, sort)];
  if (x === null || y === null) {
    if (x === y) return dir === "asc" ? a.uuid.localeCompare(b.uuid) : b.uuid.localeCompare(a.uuid);
    return x === null ? 1 : -1; // nulls last in both directions
  }
  const order = x < y ? -1 : x > y ? 1 : dir === "asc" ? (a.uuid < b.uuid ? -1 : 1) : a.uuid < b.uuid ? 1 : -1;
  return x === y ? order : dir === "asc" ? order : -order;
}

describe("asset list paging (property)", () => {
  it("pages forwards and backwards through exactly the matching rows, in order", async () => {
    const db = await getDb();
    await fc.assert(
      fc.asyncProperty(fc.array(rowArbitrary, { minLength: 0, maxLength: 40 }), queryArbitrary, async (rows, q) => {
        const tag = `prop${process.pid}x${++run}x`;
        const base = Date.UTC(2026, 0, 1);
        const inserted = await db.asset.createManyAndReturn({
          data: rows.map((row, index) => ({
            uri: `/prop/${tag}/${row.name}${index}`,
            size: row.size,
            durationMs: row.durationMs,
            container: row.container,
            videoCodec: "h264",
            discoveredAt: new Date(base + row.day * 86_400_000),
            canonical: row.canonical,
            isDeleted: row.isDeleted,
            deletedAt: row.isDeleted ? new Date() : null,
            missingSince: row.missing ? new Date(base + 5 * 86_400_000) : null,
            probeError: row.probeError,
            qcVerdict: row.qcVerdict,
            loudnessLufs: row.loudnessLufs,
          })),
          select: {
            uuid: true,
            uri: true,
            size: true,
            durationMs: true,
            container: true,
            discoveredAt: true,
            canonical: true,
            isDeleted: true,
            missingSince: true,
            probeError: true,
            qcVerdict: true,
            loudnessLufs: true,
          },
        });

        const expected = inserted
          .filter((row) =>
            q.status === "deleted" ? row.isDeleted : !row.isDeleted && (q.status === "all" || !row.canonical),
          )
          .filter((row) => !q.container || (row.container !== null && q.container.includes(row.container)))
          .filter((row) => q.size_min === undefined || row.size >= BigInt(q.size_min) * 1_048_576n)
          .filter((row) => q.dur_max === undefined || (row.durationMs !== null && row.durationMs <= q.dur_max * 1000))
          .filter((row) => !q.unprobed || row.durationMs === null || row.container === null)
          .filter((row) => q.issue !== "missing" || row.missingSince !== null)
          .filter((row) => q.issue !== "probe_failed" || row.probeError !== null)
          .filter((row) => !q.qc || (q.qc === "not_checked" ? row.qcVerdict === null : row.qcVerdict === q.qc))
          .sort((a, b) => compare(a, b, q.sort, q.dir))
          .map((row) => row.uuid);

        const query: Omit<AssetListQuery, "per"> & { per: number } = { ...ASSET_LIST_DEFAULTS, ...q, q: tag };
        const forwards: string[] = [];
        const cursors: Array<string | undefined> = [undefined];
        for (let after: string | undefined, guard = 0; guard < 100; guard++) {
          const page = await listAssets(db, { ...query, after });
          expect(page.rows.length).toBeLessThanOrEqual(q.per);
          forwards.push(...page.rows.map((row) => row.uuid));
          if (!page.next) break;
          after = page.next;
          cursors.push(after);
        }
        expect(forwards).toEqual(expected);

        // From the last page, "previous" links lead back through the same pages to the start.
        const lastPage = await listAssets(db, { ...query, after: cursors[cursors.length - 1] });
        let backwards = lastPage.rows.map((row) => row.uuid);
        for (let before = lastPage.previous, guard = 0; before && guard < 100; guard++) {
          const page = await listAssets(db, { ...query, before });
          backwards = [
            ...page.rows.map((row) => row.uuid),
            ...backwards.filter((uuid) => !page.rows.some((row) => row.uuid === uuid)),
          ];
          before = page.previous;
        }
        expect(backwards).toEqual(expected);

        const tabs = await countAssetTabs(db, query, [q.status]);
        expect(tabs[q.status]).toEqual({ count: expected.length, estimated: false });
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it("escapes LIKE wildcards in the search text", async () => {
    const db = await getDb();
    await db.asset.createMany({
      data: [
        { uri: "/wild/50%_off.mkv", size: 1n },
        { uri: "/wild/500ff.mkv", size: 1n },
      ],
    });
    const page = await listAssets(db, { ...ASSET_LIST_DEFAULTS, q: "50%_off" });
    expect(page.rows.map((row) => row.uri)).toEqual(["/wild/50%_off.mkv"]);
  });

  it("filters by provider", async () => {
    const db = await getDb();
    const [plex, jellyfin, both] = await Promise.all(
      ["plex", "jellyfin", "both"].map((name) =>
        db.asset.create({ data: { uri: `/prov/${name}.mkv`, size: 1n }, select: { id: true, uri: true } }),
      ),
    );
    await db.providerRef.createMany({
      data: [
        { provider: "plex", providerKey: "p1", assetId: plex!.id },
        { provider: "jellyfin", providerKey: "j1", assetId: jellyfin!.id },
        { provider: "plex", providerKey: "p2", assetId: both!.id },
        { provider: "jellyfin", providerKey: "j2", assetId: both!.id },
      ],
    });
    const query = {
      ...ASSET_LIST_DEFAULTS,
      q: "/prov/",
      provider: ["plex" as const],
      sort: "uri" as const,
      dir: "asc" as const,
    };
    const page = await listAssets(db, query);
    expect(page.rows.map((row) => [row.uri, row.providers])).toEqual([
      ["/prov/both.mkv", ["jellyfin", "plex"]],
      ["/prov/plex.mkv", ["plex"]],
    ]);
    expect((await countAssetTabs(db, query, ["all"])).all).toEqual({ count: 2, estimated: false });
  });

  it("filters by scan issue, shows since when and why, and a bulk selection by that filter covers the same assets", async () => {
    const db = await getDb();
    const tag = `/issue-${process.pid}-${Date.now()}/`;
    const since = new Date("2026-04-02T09:30:00Z");
    const fine = await createAsset(db, { uri: `${tag}fine.mkv` });
    const gone = await createAsset(db, { uri: `${tag}gone.mkv`, missingSince: since });
    const corrupt = await createAsset(db, {
      uri: `${tag}corrupt.mkv`,
      probeError: "moov atom not found",
      durationMs: null,
      videoCodec: null,
      audioCodec: null,
      container: null,
    });
    await createAsset(db, { uri: `${tag}deleted-gone.mkv`, missingSince: since, isDeleted: true, deletedAt: since });

    const uuids = async (issue: AssetListQuery["issue"]) =>
      (await listAssets(db, { ...ASSET_LIST_DEFAULTS, q: tag, issue, sort: "uri", dir: "asc" })).rows.map(
        (row) => row.uuid,
      );
    expect(await uuids(undefined)).toEqual([corrupt.uuid, fine.uuid, gone.uuid]);
    expect(await uuids("missing")).toEqual([gone.uuid]);
    expect(await uuids("probe_failed")).toEqual([corrupt.uuid]);

    const rows = (await listAssets(db, { ...ASSET_LIST_DEFAULTS, q: tag, sort: "uri", dir: "asc" })).rows;
    expect(rows.map((row) => [row.missingSince, row.probeError])).toEqual([
      [null, "moov atom not found"],
      [null, null],
      [since, null],
    ]);
    expect(await countAssetTabs(db, { q: tag, issue: "missing" }, ["all", "deleted"])).toEqual({
      all: { count: 1, estimated: false },
      deleted: { count: 1, estimated: false },
    });

    // "Everything matching" sends the URL's filter; the issue must narrow it as it narrows the table.
    const selection = toSelection({ kind: "filter", query: `?q=${encodeURIComponent(tag)}&issue=probe_failed` });
    expect(await previewTransition(db, "editor", "approve", selection)).toMatchObject({ total: 1, willChange: 0 });
  });

  it("reads the issue filter from the URL and ignores an unknown issue with a notice", () => {
    expect(parseAssetListParams({ issue: "missing" })).toMatchObject({ query: { issue: "missing" }, notices: [] });
    expect(parseAssetListParams({ issue: "probe_failed" }).query.issue).toBe("probe_failed");
    const { query, notices } = parseAssetListParams({ issue: "offline" });
    expect(query.issue).toBeUndefined();
    expect(notices).toEqual(["Ignored issue=“offline”: expected missing or probe_failed."]);
  });

  it("ignores a cursor that is not one of its own and shows the first page", async () => {
    const db = await getDb();
    const page = await listAssets(db, { ...ASSET_LIST_DEFAULTS, after: "bm90LWEtY3Vyc29y" });
    expect(page.cursorIgnored).toBe(true);
    expect(page.previous).toBeNull();
  });
});
