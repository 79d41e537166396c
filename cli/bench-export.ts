import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { ASSET_EXPORT_DEFAULTS, type AssetExportQuery } from "@/lib/assets/export-params";
import { EXPORT_PAGE_SIZE, assetCsvStream } from "@/lib/assets/export-csv";
import type { Db } from "@/lib/db";
import { withBenchDatabase } from "@/cli/bench-database";
import type { BenchTable } from "@/cli/bench-table";

// `npm run bench:export`: the CSV export of all the benchmark's assets to /dev/null through the
// stream the route sends, in the table's default sort and in another: rows per second, and the
// process's resident memory sampled every 100 ms (flat means the export does not grow with the
// rows). Reads the benchmark database and never writes it. A benchmark: it prints figures.

// The default export twice around a larger page size: the first run also warms the cache.
const RUNS: Array<{ name: string; query: Partial<AssetExportQuery>; pageSize?: number }> = [
  { name: "all · discovered desc · every column", query: {} },
  { name: "all · discovered desc · every column · pages of 5,000", query: {}, pageSize: 5000 },
  { name: "all · discovered desc · every column (again)", query: {} },
  { name: "all · size asc · uri, size", query: { sort: "size", dir: "asc", columns: ["uri", "size"] } },
];
/** Memory after this many rows against memory at the end: equal when the export stays flat. */
const EARLY_ROWS = 100_000;
/** Growth of the peak after the first EARLY_ROWS rows that still counts as flat. */
const FLAT_MIB = 64;

/**
 * Every run of RUNS, or (`rows`, for `npm run bench`) only the first, read until that many rows:
 * at 10,000,000 assets a full export takes about ten minutes, and its rate and memory are flat long before.
 */
export async function runExportBenchmark({ table, rows }: { table?: BenchTable; rows?: number } = {}): Promise<number> {
  return withBenchDatabase(
    async (db) => {
      console.log(
        `${"export".padEnd(56)} ${"rows".padStart(9)} ${"MiB".padStart(6)} ${"s".padStart(6)} ${"rows/s".padStart(8)} ${"RSS before".padStart(11)} ${"peak @100k".padStart(11)} ${"peak".padStart(9)}`,
      );
      for (const run of rows ? RUNS.slice(0, 1) : RUNS) {
        const result = await measure(
          db,
          run.name,
          { ...ASSET_EXPORT_DEFAULTS, ...run.query },
          run.pageSize ?? EXPORT_PAGE_SIZE,
          rows,
        );
        const growth = (result.peak - result.early) / 1024 / 1024;
        table?.add({
          measure: `CSV export (${run.name}, ${result.rows.toLocaleString("en")} rows), memory growth after 100k rows`,
          figure: growth,
          unit: "MiB",
          floor: null,
          goal: `flat (≤ ${FLAT_MIB} MiB) at ${Math.round(result.rows / result.seconds).toLocaleString("en")} rows/s`,
          met: growth <= FLAT_MIB,
        });
      }
      return 0;
    },
    { readOnly: true },
  );
}

async function measure(db: Db, name: string, query: AssetExportQuery, pageSize: number, maxRows?: number) {
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const out = createWriteStream("/dev/null");
  const started = performance.now();
  let lines = 0;
  let bytes = 0;
  let early: number | undefined;
  try {
    const reader = (await assetCsvStream(db, query, { pageSize })).getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      const chunk = read.value;
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
      bytes += chunk.byteLength;
      if (lines > EARLY_ROWS && early === undefined) early = peak;
      if (!out.write(chunk)) await once(out, "drain");
      if (maxRows && lines > maxRows) {
        await reader.cancel();
        break;
      }
    }
  } finally {
    clearInterval(sample);
    out.end();
  }
  const elapsed = (performance.now() - started) / 1000;
  peak = Math.max(peak, process.memoryUsage().rss);
  // Line ends: the header's and one per row (the synthetic paths hold no line breaks).
  const rows = lines - 1;
  console.log(
    `${name.padEnd(56)} ${rows.toLocaleString("en").padStart(9)} ${mib(bytes).padStart(6)} ${elapsed.toFixed(1).padStart(6)} ${Math.round(
      rows / elapsed,
    )
      .toLocaleString("en")
      .padStart(
        8,
      )} ${`${mib(before)} MiB`.padStart(11)} ${`${mib(early ?? peak)} MiB`.padStart(11)} ${`${mib(peak)} MiB`.padStart(9)}`,
  );
  return { rows, seconds: elapsed, early: early ?? peak, peak };
}
