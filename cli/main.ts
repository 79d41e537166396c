import { parseArgs } from "node:util";
import { closeDb, getDb, migrateDatabase } from "@/lib/db";
import { KnownError } from "@/lib/errors";

// Each command's module is imported when that command runs: a scan or a --help does not load the
// benchmarks, the demo or the seed (at start-up, loading every command's module graph cost ≈ 0.5 s).

const USAGE = `Usage: asset-desk <command>

  demo                          migrate and seed the database, then serve the desk (PORT, default 3000)
  db migrate                    apply prisma/migrations to DATABASE_URL (or the embedded database)
  db seed                       create the demo users and, on an empty database, the demo assets
  db synthetic --count N        add N synthetic assets (benchmarks)
  bench                         every benchmark below on one database, then one table: measure, figure,
                                floor, ratio, goal, met (BENCH_DATABASE_URL, filled to BENCH_ASSETS, 10,000,000)
  bench list                    time the asset table's query on the bench database and check its plans
                                (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/asset_desk_bench)
  bench bulk [--batch-size N]   time bulk approve, promote, delete of ~100,000 assets and their undo
                                on the same database (left as found); N defaults to the engine's batch size
  bench export                  time the CSV export of all the bench's assets to /dev/null: rows/s, peak memory
                                (the same database, read only)
  bench scan [--files N] [--rescan-files N] [--keep]
                                time a first scan of N real clips (400) beside openssl and ffprobe on all cores,
                                and the rescan of N unchanged files (100,000) on asset_desk_bench_scan (dropped unless --keep)
  bench workers [--files N] [--concurrency N]
                                a first scan of 4 folder sources of N real clips each (60) by one worker, then
                                by two (--concurrency 2 each): wall times, speed-up, CPU used (asset_desk_workers_bench)
  bench preview                 time the preview of a 1080p source per format (first segment, ffmpeg CPU per
                                minute of media) beside ffmpeg decoding the same file (no database)
  bench thumbnails              time poster + scrub strip of 1080p clips (60 s, 8 s): keyframe pass, full decode, seeks
  bench qc                      QC of a 1080p clip (60 s) against a plain ffmpeg -f null decode: s per minute, ratio
  scan DIR... [--json] [--queue]
                                scan folders now: hash, probe, record new / changed / missing files;
                                --queue: queue it for the workers, as the desk does, and print the run's uuid
  import plex --url URL [--library NAME]... [--path-map FROM=TO]... [--json]
  import jellyfin --url URL [--library NAME]... [--path-map FROM=TO]... [--json]
                                import a media server's libraries now (no --library: all of them); the
                                token or API key from ASSET_DESK_PLEX_TOKEN / ASSET_DESK_JELLYFIN_API_KEY,
                                else standard input (a prompt without echo when typed), never the command line
  probe UUID... | --filter "QUERY" | --backfill [--json]
                                probe again now (hash and full probe, even for unchanged files): these assets,
                                or every asset of the table's query string (e.g. "issue=probe_failed"); or run
                                (or resume) the full-probe backfill, with progress
  edit UUID [--title T] [--description D] [--tags a,b]
                                edit an asset's editorial metadata as the detail page does (empty text clears)
  tag [--add a,b] [--remove c] UUID... | --filter "QUERY" [--json]
                                add and remove editorial tags on these assets, or on every asset of the
                                table's query string (one audited batch, as the bulk bar's "Add tags")
  bench backfill [--assets N] [--sample N]
                                time the full-probe backfill: N assets (100,000) over a pool of real clips,
                                a sample of them (2,000) read; prints assets/s (asset_desk_bench_backfill)
  catalog edit UUID [--title T] [--tags a,b]
                                edit a catalog entry's title and tags (the tags replace the entry's)
  catalog replace-source UUID --asset ASSET
                                point a catalog entry at another approved asset (uuid or /assets/<uuid> address)
  remap --source UUID --from DIR --to DIR [--dry-run] [--json]
                                re-map a source's paths (a share mounted elsewhere): --dry-run prints the
                                pre-flight (count, examples, conflicts); applied as one undoable batch
  resolve-move --asset UUID --into UUID [--json]
                                a possible move a scan reported: the new file's asset is the missing one
  trash purge --older-than DAYS [--dry-run] [--json]
                                purge what was deleted more than DAYS days ago (the trash page's "Purge all
                                matching"; tombstones stay in the audit log); --dry-run counts only
  trash retention [--days N | --off]
                                show or set automatic purge of the trash (daily, off by default)
  sources list [--json]         list sources with their uuid, schedule and next scheduled scan
  sources schedule UUID [--every HOURS | --cron "EXPR" | --off] [--json]
                                show or set when a source scans by itself (cron: five fields, UTC)
  notes UUID [--json]           an asset's notes thread, oldest first
  notes UUID --add TEXT --user EMAIL [--json]
                                write a note as that desk user (audited as "<email> (cli:<login>)")
  worker [--concurrency N]      work the scans queued from the desk (N sources at a time, default 2)
  users list                    list users with their role and status
  users create --email E --role R [--name N]
                                create a user; the password is read from standard input
  users set-role --email E --role R
  users disable --email E       refuse the user's next request and sign-in (users enable to undo)
  tokens create --user E [--name N]
                                create an API token acting as that user; prints only the secret (shown once)
  tokens list                   list API tokens with owner, status and last use
  tokens revoke UUID            refuse the token from its next request`;

async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      count: { type: "string" },
      "batch-size": { type: "string" },
      files: { type: "string" },
      "rescan-files": { type: "string" },
      keep: { type: "boolean", default: false },
      email: { type: "string" },
      user: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      json: { type: "boolean", default: false },
      queue: { type: "boolean", default: false },
      url: { type: "string" },
      library: { type: "string", multiple: true },
      "path-map": { type: "string", multiple: true },
      concurrency: { type: "string" },
      filter: { type: "string" },
      backfill: { type: "boolean", default: false },
      assets: { type: "string" },
      sample: { type: "string" },
      title: { type: "string" },
      description: { type: "string" },
      tags: { type: "string" },
      asset: { type: "string" },
      source: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      into: { type: "string" },
      add: { type: "string" },
      remove: { type: "string" },
      "older-than": { type: "string" },
      days: { type: "string" },
      off: { type: "boolean", default: false },
      every: { type: "string" },
      cron: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const command = positionals.join(" ");
  if (values.help || command === "") {
    console.log(USAGE);
    return values.help ? 0 : 1;
  }
  if (positionals[0] === "users") {
    await migrateDatabase();
    return (await import("@/cli/users")).runUsersCommand(positionals[1], values);
  }
  if (positionals[0] === "tokens") {
    await migrateDatabase();
    return (await import("@/cli/tokens")).runTokensCommand(positionals.slice(1), values);
  }
  if (positionals[0] === "scan" || positionals[0] === "import") {
    await migrateDatabase();
    return positionals[0] === "scan"
      ? (await import("@/cli/scan")).runScanCommand(positionals.slice(1), values)
      : (await import("@/cli/scan")).runImportCommand(positionals[1], values);
  }
  if (positionals[0] === "catalog") {
    await migrateDatabase();
    return (await import("@/cli/catalog")).runCatalogCommand(positionals.slice(1), values);
  }
  if (command === "remap" || command === "resolve-move") {
    await migrateDatabase();
    return command === "remap"
      ? (await import("@/cli/identity")).runRemapCommand(values)
      : (await import("@/cli/identity")).runResolveMoveCommand(values);
  }
  if (positionals[0] === "probe") {
    await migrateDatabase();
    return (await import("@/cli/probe")).runProbeCommand(positionals.slice(1), values);
  }
  if (positionals[0] === "trash") {
    await migrateDatabase();
    return (await import("@/cli/trash")).runTrashCommand(positionals.slice(1), values);
  }
  if (positionals[0] === "sources") {
    await migrateDatabase();
    return (await import("@/cli/sources")).runSourcesCommand(positionals.slice(1), values);
  }
  if (positionals[0] === "notes") {
    await migrateDatabase();
    return (await import("@/cli/notes")).runNotesCommand(positionals.slice(1), values);
  }
  if (positionals[0] === "edit") {
    await migrateDatabase();
    return (await import("@/cli/editorial")).runEditCommand(positionals.slice(1), values);
  }
  if (positionals[0] === "tag") {
    await migrateDatabase();
    return (await import("@/cli/editorial")).runTagCommand(positionals.slice(1), values);
  }
  if (command === "worker") {
    const concurrency = Number(values.concurrency ?? 2);
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new Error("--concurrency must be a positive whole number");
    await migrateDatabase();
    return (await import("@/cli/scan")).runWorkerCommand(concurrency);
  }
  switch (command) {
    case "demo":
      return (await import("@/cli/demo")).runDemo();
    case "db migrate": {
      const applied = await migrateDatabase();
      console.log(
        applied.length
          ? `Applied ${applied.length} migration(s):\n  ${applied.join("\n  ")}`
          : "Database is up to date.",
      );
      return 0;
    }
    case "db seed": {
      await migrateDatabase();
      const { DEFAULT_DEMO_PASSWORD, seedDemo } = await import("@/lib/seed/demo");
      const { sampleSummary } = await import("@/lib/seed/samples");
      const result = await seedDemo(await getDb(), { password: process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD });
      console.log(
        `Seeded ${result.users} users and ${result.assets} assets${result.assets === 0 ? " (assets already present)" : ""}.`,
      );
      console.log(sampleSummary(result.samples));
      return 0;
    }
    case "db synthetic": {
      const count = Number(values.count);
      const batchSize = values["batch-size"] ? Number(values["batch-size"]) : undefined;
      if (!Number.isInteger(count) || count < 1) throw new Error("--count must be a positive whole number");
      await migrateDatabase();
      const started = performance.now();
      const { generateSyntheticAssets } = await import("@/lib/seed/synthetic");
      await generateSyntheticAssets(await getDb(), {
        count,
        batchSize,
        onBatch: (done, total) =>
          process.stdout.write(`\r${done.toLocaleString("en")} / ${total.toLocaleString("en")} assets`),
        onStep: (step) => console.log(`\n${step} (${((performance.now() - started) / 1000).toFixed(1)} s)`),
      });
      console.log(
        `\nInserted ${count.toLocaleString("en")} assets in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      );
      return 0;
    }
    case "bench":
    case "bench all":
      return (await import("@/cli/bench")).runAllBenchmarks();
    case "bench list":
      return (await import("@/cli/bench-list")).runListBenchmark();
    case "bench bulk": {
      const batchSize = values["batch-size"] ? Number(values["batch-size"]) : undefined;
      if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1))
        throw new Error("--batch-size must be a positive whole number");
      return (await import("@/cli/bench-bulk")).runBulkBenchmark({ batchSize });
    }
    case "bench export":
      return (await import("@/cli/bench-export")).runExportBenchmark();
    case "bench preview":
      return (await import("@/cli/bench-preview")).runPreviewBenchmark();
    case "bench scan": {
      const files = Number(values.files ?? 400);
      const rescanFiles = Number(values["rescan-files"] ?? 100_000);
      if (![files, rescanFiles].every((n) => Number.isInteger(n) && n >= 1))
        throw new Error("--files and --rescan-files must be positive whole numbers");
      return (await import("@/cli/bench-scan")).runScanBenchmark({ files, rescanFiles, keep: values.keep });
    }
    case "bench thumbnails":
      return (await import("@/cli/bench-thumbnails")).runThumbnailBenchmark();
    case "bench backfill": {
      const assets = Number(values.assets ?? 100_000);
      const sample = Number(values.sample ?? 2_000);
      if (![assets, sample].every((n) => Number.isInteger(n) && n >= 1))
        throw new Error("--assets and --sample must be positive whole numbers");
      return (await import("@/cli/bench-backfill")).runBackfillBenchmark({ assets, sample });
    }
    case "bench qc":
      return (await import("@/cli/bench-qc")).runQcBenchmark();
    case "bench workers": {
      const files = Number(values.files ?? 60);
      const concurrency = Number(values.concurrency ?? 2);
      if (![files, concurrency].every((n) => Number.isInteger(n) && n >= 1))
        throw new Error("--files and --concurrency must be positive whole numbers");
      return (await import("@/cli/bench-workers")).runWorkersBenchmark({ files, concurrency });
    }
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 1;
  }
}

run(process.argv.slice(2))
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    // A known error's field messages say what to fix ("Folder not found on the server: …").
    const details = error instanceof KnownError && error.fieldErrors ? Object.values(error.fieldErrors).flat() : [];
    console.error(
      `asset-desk: ${details.length > 0 ? details.join("\n") : error instanceof Error ? error.message : String(error)}`,
    );
    await closeDb().catch(() => undefined);
    process.exit(1);
  });
