import path from "node:path";
import { cliActor, readHiddenLine } from "@/cli/users";
import { getDb } from "@/lib/db";
import { getRunSummary, type RunSummary } from "@/lib/ingest/run-report";
import { createRun, executeRun } from "@/lib/ingest/runs";
import { sealPlaintextSecretsAtStart } from "@/lib/ingest/source-secrets";
import { ensureSource, sourceInputSchema } from "@/lib/ingest/sources";

// `asset-desk scan`, `import plex|jellyfin` and `worker`. A scan from the command line runs here and
// now (no worker needed, embedded database included), as a run of a source the desk lists.

export interface ScanOptions {
  json: boolean;
  /** Queue the run for the workers (as the desk does) instead of running it here. */
  queue?: boolean;
  url?: string;
  library?: string[];
  "path-map"?: string[];
}

export async function runScanCommand(dirs: string[], options: ScanOptions): Promise<number> {
  if (dirs.length === 0) throw new Error("Name at least one folder: asset-desk scan DIR...");
  const roots = dirs.map((dir) => path.resolve(dir));
  return runSource(
    { kind: "filesystem", name: nameFor("Folders", roots.join(", ")), roots: roots.join("\n") },
    options,
  );
}

/**
 * Where the server's secret comes from: never the command line (any user of the machine can read
 * it with `ps`), but this variable or else standard input (cli/asset-desk.js refuses --token and
 * --api-key before anything else runs).
 */
export const SECRET_VARIABLES = { plex: "ASSET_DESK_PLEX_TOKEN", jellyfin: "ASSET_DESK_JELLYFIN_API_KEY" } as const;

async function providerSecret(kind: "plex" | "jellyfin"): Promise<string> {
  const fromEnv = process.env[SECRET_VARIABLES[kind]]?.trim();
  if (fromEnv) return fromEnv;
  const what = kind === "plex" ? "Plex token" : "Jellyfin API key";
  const secret = (await readHiddenLine(`${what} (not shown): `)).trim();
  if (!secret)
    throw new Error(
      `No ${what} given: set ${SECRET_VARIABLES[kind]}, or pass it on standard input (echo "$TOKEN" | asset-desk import ${kind} --url URL).`,
    );
  return secret;
}

export async function runImportCommand(kind: string | undefined, options: ScanOptions): Promise<number> {
  if (kind !== "plex" && kind !== "jellyfin")
    throw new Error(
      "Import from plex or jellyfin: asset-desk import plex --url URL (the token in ASSET_DESK_PLEX_TOKEN or on standard input)",
    );
  if (!options.url) throw new Error("--url is required (the server's address, e.g. http://plex.local:32400)");
  const secret = await providerSecret(kind);
  return runSource(
    {
      kind,
      name: nameFor(kind === "plex" ? "Plex" : "Jellyfin", options.url),
      url: options.url,
      secret,
      libraries: (options.library ?? []).join("\n"),
      pathMaps: (options["path-map"] ?? []).join("\n"),
    },
    options,
  );
}

const nameFor = (prefix: string, what: string) => `${prefix}: ${what}`.slice(0, 100);

async function runSource(fields: Record<string, string>, options: ScanOptions): Promise<number> {
  const input = sourceInputSchema.safeParse(fields);
  if (!input.success)
    throw new Error(input.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n"));
  const db = await getDb();
  const actor = cliActor();
  const source = await ensureSource(db, actor, input.data);
  if (options.queue) return queueRun(source.uuid, options);
  const run = await createRun(db, actor, source.uuid, "cli");
  const progress = options.json || !process.stderr.isTTY ? null : setInterval(() => void drawProgress(run.uuid), 250);
  const outcome = await executeRun(db, run.uuid);
  if (progress) {
    clearInterval(progress);
    await drawProgress(run.uuid);
    process.stderr.write("\n");
  }
  const summary = await getRunSummary(db, run.uuid, 1000);
  if (options.json) console.log(JSON.stringify(summary, null, 2));
  else printSummary(summary);
  if (outcome.status === "failed") {
    if (options.json) console.error(`asset-desk: ${outcome.error}`);
    return 1;
  }
  return 0;
}

/** Queues the run on pg-boss for `asset-desk worker` (or the app) to execute, and returns at once. */
async function queueRun(sourceUuid: string, options: ScanOptions): Promise<number> {
  const { startScan, stopJobs } = await import("@/lib/jobs/queue");
  try {
    const run = await startScan(cliActor(), sourceUuid, "cli");
    if (options.json) console.log(JSON.stringify({ uuid: run.uuid, status: "queued" }));
    else console.log(`Run ${run.uuid} queued; a worker will take it (asset-desk worker).`);
    return 0;
  } finally {
    await stopJobs();
  }
}

async function drawProgress(runUuid: string): Promise<void> {
  const summary = await getRunSummary(await getDb(), runUuid, 0);
  const width = 30;
  const total = summary.total ?? 0;
  const filled = total > 0 ? Math.round((summary.done / total) * width) : 0;
  const rate = summary.filesPerSecond === null ? "" : ` · ${summary.filesPerSecond} files/s`;
  const of =
    summary.total === null
      ? "finding files…"
      : `${summary.done.toLocaleString("en")} / ${total.toLocaleString("en")} files`;
  process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${of}${rate}   `);
}

function printSummary(summary: RunSummary): void {
  const { counts } = summary;
  console.log(
    `Run ${summary.uuid} of “${summary.source.name}”: ${summary.status}${summary.worker ? ` (worker ${summary.worker})` : ""}`,
  );
  console.log(
    `  new ${counts.new} · changed ${counts.changed} · unchanged ${counts.unchanged} · missing ${counts.missing} · failed ${counts.failed}`,
  );
  for (const failure of summary.errors) console.log(`  failed: ${failure.path}: ${failure.error}`);
  for (const move of summary.possibleMoves.filter((m) => !m.resolvedInto))
    console.log(
      `  possible move: ${move.path} (asset ${move.assetUuid}) may be ${move.candidates.map((c) => `${c.uuid} (${c.uri})`).join(" or ")}; asset-desk resolve-move --asset UUID --into UUID`,
    );
  if (summary.error) console.error(`asset-desk: ${summary.error}`);
}

/** Works queued scans until SIGINT/SIGTERM; a running scan is stopped and recorded as stopped. */
export async function runWorkerCommand(concurrency: number): Promise<number> {
  // The queue's module graph (every job: QC, thumbnails, probe runs) loads only for the commands that
  // use it, not for a scan run in this process.
  const { startWorker, stopJobs } = await import("@/lib/jobs/queue");
  await sealPlaintextSecretsAtStart();
  await startWorker(concurrency);
  console.log(`Worker started (${concurrency} at a time). Stop with Ctrl-C.`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await stopJobs();
  return 0;
}
