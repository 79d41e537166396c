import { z } from "zod";
import { cliActor } from "@/cli/users";
import { requestReprobe, startBackfill, workProbeRun, type ProbeRunView } from "@/lib/assets/probe-runs";
import { reprobeAsset } from "@/lib/assets/reprobe";
import type { ActingViewer } from "@/lib/assets/visibility";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";

// `asset-desk probe UUID… | --filter "<query string>" | --backfill`: "probe again" and the full-probe
// backfill from the command line, calling the functions the desk and the API call. A filter or the
// backfill is a probe run like the desk's (audited, with its counts), worked here with progress.

const USAGE = 'usage: asset-desk probe UUID... | --filter "<the table\'s query string>" | --backfill';

export async function runProbeCommand(
  uuids: string[],
  options: { filter?: string; backfill?: boolean; json?: boolean },
): Promise<number> {
  const modes = [uuids.length > 0, options.filter !== undefined, Boolean(options.backfill)].filter(Boolean).length;
  if (modes !== 1) throw new KnownError("invalid", USAGE);
  const db = await getDb();
  const actor: ActingViewer = { ...cliActor(), role: "server" };
  if (uuids.length > 0) {
    const parsed = z.array(z.uuid()).safeParse(uuids);
    if (!parsed.success)
      throw new KnownError("invalid", `Not a uuid: ${uuids.find((u) => !z.uuid().safeParse(u).success)}`);
    let failed = 0;
    for (const uuid of parsed.data) {
      try {
        const report = await reprobeAsset(db, actor, uuid);
        console.log(
          options.json
            ? JSON.stringify(report)
            : `${uuid}  ${report.outcome}${report.probeError ? `: ${report.probeError}` : ""}`,
        );
        if (report.probeError) failed += 1;
      } catch (error) {
        if (!(error instanceof KnownError)) throw error;
        failed += 1;
        console.log(options.json ? JSON.stringify({ uuid, error: error.message }) : `${uuid}  error: ${error.message}`);
      }
    }
    return failed === 0 ? 0 : 1;
  }
  const run: ProbeRunView = options.backfill
    ? await startBackfill(db, actor, "caller")
    : await requestReprobe(db, actor, { kind: "filter", query: options.filter!.replace(/^\?/, "") }, "caller");
  let counted = false;
  await workProbeRun(db, run.uuid, {
    onProgress: (done, total) => {
      counted = !options.json;
      if (counted)
        process.stdout.write(`\r${run.kind} ${run.uuid}: ${done.toLocaleString("en")} / ${total.toLocaleString("en")}`);
    },
  });
  const finished = await db.probeRun.findUniqueOrThrow({ where: { uuid: run.uuid } });
  const summary = {
    uuid: run.uuid,
    kind: run.kind,
    status: finished.status,
    total: finished.total,
    done: finished.done,
    failed: finished.failed,
  };
  console.log(
    options.json
      ? JSON.stringify(summary)
      : `${counted ? "\n" : ""}${summary.status}: ${summary.done - summary.failed} read, ${summary.failed} not read`,
  );
  return finished.status === "succeeded" ? 0 : 1;
}
