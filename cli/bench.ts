import os from "node:os";
import { runBulkBenchmark } from "@/cli/bench-bulk";
import { BENCH_ASSETS, withBenchDatabase } from "@/cli/bench-database";
import { runExportBenchmark } from "@/cli/bench-export";
import { runListBenchmark } from "@/cli/bench-list";
import { runPreviewBenchmark } from "@/cli/bench-preview";
import { runQcBenchmark } from "@/cli/bench-qc";
import { runScanBenchmark } from "@/cli/bench-scan";
import { BenchTable } from "@/cli/bench-table";
import { runWorkersBenchmark } from "@/cli/bench-workers";

// `npm run bench`: every benchmark, one after the other on one database (BENCH_DATABASE_URL, filled
// to BENCH_ASSETS, default 10,000,000), each printing its own figures as it goes, then one table:
// measure, figure, the floor measured in the same run, ratio, goal, met. The exit code is 1 when a
// benchmark's own check failed (a bad plan, a wrong count), not when a goal was missed: the table says that.

/** Rows of the CSV export read at 10,000,000 assets (its rate and memory are flat long before the end). */
const EXPORT_ROWS = 1_000_000;
/** The scan bench's trees: real clips for the first scan, empty files for the rescan. */
const SCAN_FILES = 400;
const RESCAN_FILES = 100_000;
/** Clips per source of the 4-source scan by one worker, then two. */
const WORKER_FILES = 60;

export async function runAllBenchmarks(): Promise<number> {
  return withBenchDatabase(async () => {
    const table = new BenchTable();
    const started = performance.now();
    const load = () =>
      os
        .loadavg()
        .map((n) => n.toFixed(1))
        .join(" ");
    const steps: Array<[string, () => Promise<number>]> = [
      ["list", () => runListBenchmark({ table })],
      ["export", () => runExportBenchmark({ table, rows: EXPORT_ROWS })],
      ["bulk", () => runBulkBenchmark({ table })],
      ["scan", () => runScanBenchmark({ files: SCAN_FILES, rescanFiles: RESCAN_FILES, keep: false, table })],
      ["workers", () => runWorkersBenchmark({ files: WORKER_FILES, table })],
      ["preview and thumbnails", () => runPreviewBenchmark({ table })],
      ["qc", () => runQcBenchmark({ table })],
    ];
    const failed: string[] = [];
    for (const [name, step] of steps) {
      console.log(`\n=== bench ${name} (load average ${load()}) ===\n`);
      if ((await step()) !== 0) failed.push(name);
    }
    const minutes = ((performance.now() - started) / 60_000).toFixed(1);
    const met = table.rows.filter((row) => row.met).length;
    console.log(
      `\n=== ${BENCH_ASSETS.toLocaleString("en")} assets, ${os.availableParallelism()} cores, ${minutes} min, load average ${load()} ===\n`,
    );
    console.log(table.render());
    console.log(`\n${met} of ${table.rows.length} goals met.`);
    if (failed.length) console.error(`Checks failed in: ${failed.join(", ")}.`);
    return failed.length ? 1 : 0;
  });
}
