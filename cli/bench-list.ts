import pg from "pg";
import { ASSET_LIST_DEFAULTS, ASSET_TABS, type AssetListQuery } from "@/lib/assets/list-params";
import { SORT_COLUMNS, assetWhere, countAssetTabs, listAssets } from "@/lib/assets/list";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { encodeCursor } from "@/lib/table/keyset";
import { seconds, withBenchDatabase } from "@/cli/bench-database";
import { planProblems, type PlanNode } from "@/cli/bench-plan";
import type { BenchTable } from "@/cli/bench-table";

// `npm run bench:list`: server time of the asset table's query on the bench database, first and deep
// pages, against the same SQL run on a plain pg connection; and every plan checked for a scan or a
// sort of the whole table. A benchmark, not a test: it prints figures and fails only on bad plans.

const WARM_UP = 3;
// A page takes ~1–3 ms, so its p95 needs more samples than the tab counts (which take up to ~250 ms):
// with 100, the 95th value of each side was a single hiccup of the machine, and the two sides' p95
// ratio swung between 0.56 and 3.0 on pages whose p50 ratio was 1.1–1.4 (docs/benchmarks.md).
const ITERATIONS = 400;
const COUNT_ITERATIONS = 30;
const DEEP_OFFSET = 100_000;
const TARGET_P95_MS = 50;
const TARGET_RATIO = 1.5;
const TARGET_COUNTS_P95_MS = 50;

type Query = Omit<AssetListQuery, "per"> & { per: number };

/** What a desk user filters and sorts by; each is measured on its first page and a deep page. */
const COMBINATIONS: Array<{ name: string; query: Partial<AssetListQuery>; oneMonth?: true }> = [
  { name: "all · discovered desc (default)", query: {} },
  { name: "pending · size asc", query: { status: "pending", sort: "size", dir: "asc" } },
  { name: "approved · duration desc", query: { status: "approved", sort: "duration", dir: "desc" } },
  { name: "promoted · uri asc", query: { status: "promoted", sort: "uri", dir: "asc" } },
  { name: "deleted · discovered desc", query: { status: "deleted" } },
  {
    name: "mkv,mp4 + hevc · size desc",
    query: { container: ["mkv", "mp4"], vcodec: ["hevc"], sort: "size", dir: "desc" },
  },
  { name: "provider plex · discovered desc", query: { provider: ["plex"] } },
  { name: "q=777 · discovered desc", query: { q: "777" } },
  { name: "duration 600–1800 s · duration asc", query: { dur_min: 600, dur_max: 1800, sort: "duration", dir: "asc" } },
  { name: "unprobed · discovered desc", query: { unprobed: "1" } },
  { name: "dupes · size desc", query: { dupes: "1", sort: "size", dir: "desc" } },
  { name: "one month · discovered asc", query: { dir: "asc" }, oneMonth: true },
  { name: "episode unlinked · container asc", query: { episode: "unlinked", sort: "container", dir: "asc" } },
  // The full-probe filters (indexed columns; synthetic assets carry no full probe, so these time the plans on nulls).
  { name: "1080p,2160p · discovered desc", query: { res: ["1080p", "2160p"] } },
  { name: "interlaced · size desc", query: { interlaced: "yes", sort: "size", dir: "desc" } },
  { name: "HDR + 5.1+ · discovered desc", query: { hdr: "yes", channels: ["surround"] } },
  { name: "audio fra + subtitles · uri asc", query: { alang: ["fra"], subs: "yes", sort: "uri", dir: "asc" } },
  { name: "all · size desc · per 100", query: { sort: "size", dir: "desc", per: 100 } },
  { name: "approved · discovered desc · per 100", query: { status: "approved", per: 100 } },
];

export async function runListBenchmark({ table }: { table?: BenchTable } = {}): Promise<number> {
  return withBenchDatabase(async (db, url) => {
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    try {
      return await measureAll(db, raw, table);
    } finally {
      await raw.end();
    }
  });
}

interface Timing {
  p50: number;
  p95: number;
}

interface Result {
  name: string;
  page: string;
  rows: number;
  list: Timing;
  raw: Timing;
  problems: string[];
}

async function measureAll(db: Db, raw: pg.Client, table: BenchTable | undefined): Promise<number> {
  const month = await firstFullMonth(db);
  const results: Result[] = [];
  const counts: Array<{ name: string; timing: Timing; problems: string[] }> = [];
  const started = performance.now();
  for (const { name, query: change, oneMonth } of COMBINATIONS) {
    const query: Query = { ...ASSET_LIST_DEFAULTS, ...change, ...(oneMonth ? month : {}) };
    const { matching, cursor, offset } = await deepCursor(db, query);
    for (const [page, after] of [
      ["first", undefined],
      [`deep (${offset.toLocaleString("en")})`, cursor],
    ] as const) {
      if (page !== "first" && !after) continue;
      results.push({ name, page, ...(await measurePage(db, raw, { ...query, after })) });
    }
    const statements: Prisma.Sql[] = [];
    await countAssetTabs(recording(db, statements), query, ASSET_TABS);
    counts.push({
      name: `${name} (${matching.toLocaleString("en")} rows)`,
      timing: (await time(COUNT_ITERATIONS, () => countAssetTabs(db, query, ASSET_TABS)))[0]!,
      problems: await checkPlans(
        raw,
        statements.filter((sql) => !sql.text.trimStart().startsWith("EXPLAIN")),
      ),
    });
  }
  printResults(results, counts);
  console.log(`\nMeasured in ${seconds(started)}.`);
  for (const r of results)
    table?.add({
      measure: `list · ${r.name} · ${r.page} page p95${r.problems.length ? " (PLAN CHECK FAILED)" : ""}`,
      figure: r.list.p95,
      unit: "ms",
      floor: r.raw.p95,
      goal: `≤ ${TARGET_P95_MS} ms and ≤ ${TARGET_RATIO}× plain pg`,
      met: meetsTargets(r) && !r.problems.length,
    });
  const slowest = counts.reduce((worst, count) => (count.timing.p95 > worst.timing.p95 ? count : worst));
  table?.add({
    measure: `tab counts p95, slowest of ${counts.length} filter sets (${slowest.name})`,
    figure: slowest.timing.p95,
    unit: "ms",
    floor: null,
    goal: `≤ ${TARGET_COUNTS_P95_MS} ms`,
    met: slowest.timing.p95 <= TARGET_COUNTS_P95_MS && counts.every((count) => !count.problems.length),
  });
  return [...results, ...counts].some((result) => result.problems.length) ? 1 : 0;
}

/** The first calendar month of the data, so a date-range filter covers about 1/24 of it. */
async function firstFullMonth(db: Db): Promise<Pick<AssetListQuery, "from" | "to">> {
  const [row] = await db.$queryRaw<[{ from: string; to: string }]>`
    SELECT to_char(d, 'YYYY-MM-DD') AS "from", to_char(d + interval '1 month' - interval '1 day', 'YYYY-MM-DD') AS "to"
    FROM (SELECT date_trunc('month', min(discovered_at)) + interval '1 month' AS d FROM assets) m`;
  return row;
}

/** The cursor of the row at a large offset in the query's own order (OFFSET once, during setup). */
async function deepCursor(db: Db, query: Query) {
  const [{ n: matching }] = await db.$queryRaw<
    [{ n: number }]
  >`SELECT count(*)::int AS n FROM assets a WHERE ${assetWhere(query)}`;
  const offset = Math.min(DEEP_OFFSET, Math.floor(matching / 2));
  const column = SORT_COLUMNS[query.sort];
  const dir = Prisma.raw(query.dir === "asc" ? "ASC" : "DESC");
  const [row] = await db.$queryRaw<Array<{ v: string | null; u: string }>>`
    SELECT ${Prisma.raw(column.sql)}::text AS v, a.uuid::text AS u FROM assets a WHERE ${assetWhere(query)}
    ORDER BY ${Prisma.raw(column.sql)} ${dir} NULLS LAST, a.uuid ${dir} OFFSET ${offset} LIMIT 1`;
  return { matching, offset, cursor: row ? encodeCursor(row) : undefined };
}

async function measurePage(db: Db, raw: pg.Client, query: Query) {
  const statements: Prisma.Sql[] = [];
  const page = await listAssets(recording(db, statements), query);
  const [list, rawTiming] = await time(
    ITERATIONS,
    () => listAssets(db, query),
    async () => {
      for (const sql of statements) await raw.query(sql.text, pgValues(sql));
    },
  );
  return { rows: page.rows.length, list: list!, raw: rawTiming!, problems: await checkPlans(raw, statements) };
}

/** The db with its `$queryRaw` statements recorded, exactly as Prisma receives them. */
function recording(db: Db, into: Prisma.Sql[]): Db {
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== "$queryRaw") return Reflect.get(target, property, receiver);
      // Called as a tagged template, or with a statement already built (queryWithin).
      return (strings: TemplateStringsArray | Prisma.Sql, ...values: Prisma.Sql[]) => {
        const sql = strings instanceof Prisma.Sql ? strings : Prisma.sql(strings, ...values);
        into.push(sql);
        return target.$queryRaw(sql);
      };
    },
  });
}

function pgValues(sql: Prisma.Sql): unknown[] {
  return sql.values.map((value) => (typeof value === "bigint" ? value.toString() : value));
}

async function checkPlans(raw: pg.Client, statements: Prisma.Sql[]): Promise<string[]> {
  const problems: string[] = [];
  for (const sql of statements) {
    const { rows } = await raw.query<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }>(
      `EXPLAIN (FORMAT JSON) ${sql.text}`,
      pgValues(sql),
    );
    problems.push(...planProblems(rows[0]!["QUERY PLAN"][0]!.Plan));
  }
  return problems;
}

/**
 * p50/p95 of each function. They take turns, so a burst of load from elsewhere on the machine
 * lands on both sides of the comparison rather than on one.
 */
async function time(iterations: number, ...runs: Array<() => Promise<unknown>>): Promise<Timing[]> {
  const samples = runs.map((): number[] => []);
  for (let i = 0; i < WARM_UP + iterations; i++) {
    for (const [index, run] of runs.entries()) {
      const started = performance.now();
      await run();
      if (i >= WARM_UP) samples[index]!.push(performance.now() - started);
    }
  }
  return samples.map((values) => {
    values.sort((a, b) => a - b);
    const rank = (p: number) => values[Math.ceil(p * values.length) - 1]!;
    return { p50: rank(0.5), p95: rank(0.95) };
  });
}

const meetsTargets = (r: Result) => r.list.p95 <= TARGET_P95_MS && r.list.p95 / r.raw.p95 <= TARGET_RATIO;

function printResults(results: Result[], counts: Array<{ name: string; timing: Timing; problems: string[] }>) {
  const ms = (value: number) => value.toFixed(2);
  const table = [
    ["combination", "page", "rows", "p50 ms", "p95 ms", "raw p50", "raw p95", "ratio p50", "ratio p95", "plan"],
    ...results.map((r) => [
      r.name,
      r.page,
      String(r.rows),
      ms(r.list.p50),
      ms(r.list.p95),
      ms(r.raw.p50),
      ms(r.raw.p95),
      (r.list.p50 / r.raw.p50).toFixed(2),
      (r.list.p95 / r.raw.p95).toFixed(2),
      r.problems.length ? "FAIL" : "ok",
    ]),
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(" | ")} |`;
  console.log(
    `\nlistAssets, ${ITERATIONS} runs after ${WARM_UP} warm-up; raw = the same statements on a plain pg connection`,
  );
  console.log(line(table[0]!));
  console.log(
    `|${widths.map((width, column) => (column < 2 ? `:${"-".repeat(width + 1)}` : `${"-".repeat(width + 1)}:`)).join("|")}|`,
  );
  for (const row of table.slice(1)) console.log(line(row));

  console.log(`\ncountAssetTabs (all ${ASSET_TABS.length} tabs), ${COUNT_ITERATIONS} runs after ${WARM_UP} warm-up`);
  for (const count of counts)
    console.log(
      `  ${count.name.padEnd(60)} p50 ${ms(count.timing.p50).padStart(8)} ms  p95 ${ms(count.timing.p95).padStart(8)} ms  plan ${count.problems.length ? "FAIL" : "ok"}`,
    );

  const misses = results.filter((r) => !meetsTargets(r));
  console.log(
    `\nTargets (p95 ≤ ${TARGET_P95_MS} ms and ≤ ${TARGET_RATIO}× raw SQL): ${misses.length ? `${misses.length} of ${results.length} pages miss:` : `all ${results.length} pages meet them.`}`,
  );
  for (const r of misses)
    console.log(`  MISS ${r.name} · ${r.page}: p95 ${ms(r.list.p95)} ms, ${(r.list.p95 / r.raw.p95).toFixed(2)}× raw`);
  const failures = [
    ...results.flatMap((r) => r.problems.map((p) => `${r.name} · ${r.page}: ${p}`)),
    ...counts.flatMap((c) => c.problems.map((p) => `tab counts for ${c.name}: ${p}`)),
  ];
  if (failures.length) {
    console.error(`\nPLAN CHECK FAILED (${failures.length}):`);
    for (const failure of failures) console.error(`  ✗ ${failure}`);
  } else {
    console.log("Plan check: no sequential scan of assets, no sort of a large input.");
  }
}
