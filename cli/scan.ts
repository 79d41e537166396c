import path from "node:path";
import { cliActor } from "@/cli/users";
import { getDb } from "@/lib/db";
import { startWorker, stopJobs } from "@/lib/jobs/queue";
import { getRunSummary, type RunSummary } from "@/lib/ingest/run-report";
import { createRun, executeRun } from "@/lib/ingest/runs";
import { sealPlaintextSecretsAtStart } from "@/lib/ingest/source-secrets";
import { ensureSource, sourceInputSchema } from "@/lib/ingest/sources";

// `asset-desk scan`, `import plex|jellyfin` and `worker`. A scan from the command line runs here and
// now (no worker needed, embedded database included), as a run of a source the desk lists.

export interface ScanOptions {
  json: boolean;
  url?: string;
  token?: string;
  "api-key"?: string;
  library?: string[];
  "path-map"?: string[];
}

export async function runScanCommand(dirs: string[], options: ScanOptions): Promise<number> {
  if (dirs.length === 0) throw new Error("Name at least one folder: asset-desk scan DIR...");
  const roots = dirs.map((dir) => path.resolve(dir));
  return runSource({ kind: "filesystem", name: nameFor("Folders", roots.join(", ")), roots: roots.join("\n") }, options);
}

export async function runImportCommand(kind: string | undefined, options: ScanOptions): Promise<number> {
  if (kind !== "plex" && kind !== "jellyfin") throw new Error("Import from plex or jellyfin: asset-desk import plex --url URL --token TOKEN");
  const secret = kind === "plex" ? options.token : options["api-key"];
  if (!options.url) throw new Error("--url is required (the server's address, e.g. http://plex.local:32400)");
  if (!secret) throw new Error(kind === "plex" ? "--token is required (the Plex token)" : "--api-key is required (a Jellyfin API key)");
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
  if (!input.success) throw new Error(input.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n"));
  const db = await getDb();
  const actor = cliActor();
  const source = await ensureSource(db, actor, input.data);
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

async function drawProgress(runUuid: string): Promise<void> {
  const summary = await getRunSummary(await getDb(), runUuid, 0);
  const width = 30;
  const total = summary.total ?? 0;
  const filled = total > 0 ? Math.round((summary.done / total) * width) : 0;
  const rate = summary.filesPerSecond === null ? "" : ` · ${summary.filesPerSecond} files/s`;
  const of = summary.total === null ? "finding files…" : `${summary.done.toLocaleString("en")} / ${total.toLocaleString("en")} files`;
  process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${of}${rate}   `);
}

function printSummary(summary: RunSummary): void {
  const { counts } = summary;
  console.log(`Run ${summary.uuid} of “${summary.source.name}”: ${summary.status}`);
  console.log(`  new ${counts.new} · changed ${counts.changed} · unchanged ${counts.unchanged} · missing ${counts.missing} · failed ${counts.failed}`);
  for (const failure of summary.errors) console.log(`  failed: ${failure.path}: ${failure.error}`);
  if (summary.error) console.error(`asset-desk: ${summary.error}`);
}

/** Works queued scans until SIGINT/SIGTERM; a running scan is stopped and recorded as stopped. */
export async function runWorkerCommand(concurrency: number): Promise<number> {
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
