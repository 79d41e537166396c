import { cliActor } from "@/cli/users";
import { getTrashRetention, MAX_RETENTION_DAYS, setTrashRetention, trashOlderThan } from "@/lib/assets/retention";
import type { ActingViewer } from "@/lib/assets/visibility";
import { applyTransition, previewTransition } from "@/lib/assets/workflow";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";

// `asset-desk trash …`: the trash page's "Purge all matching" for "deleted more than N days ago" and
// its retention setting, through the same functions (same rules, tombstones and audit rows).

const USAGE =
  "usage: asset-desk trash purge --older-than DAYS [--dry-run] [--json] | trash retention [--days N | --off]";

function days(text: string | undefined, option: string): number {
  const value = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || value > MAX_RETENTION_DAYS)
    throw new KnownError("invalid", `${option} must be a whole number of days from 0 to ${MAX_RETENTION_DAYS}.`);
  return value;
}

export async function runTrashCommand(
  args: string[],
  options: { "older-than"?: string; days?: string; off?: boolean; "dry-run"?: boolean; json?: boolean },
): Promise<number> {
  const db = await getDb();
  const actor: ActingViewer = { ...cliActor(), role: "server" };
  if (args.join(" ") === "purge") {
    const olderThan = days(options["older-than"], "--older-than");
    const selection = trashOlderThan(olderThan);
    if (options["dry-run"]) {
      const preflight = await previewTransition(db, actor.role, "purge", selection);
      if (options.json) console.log(JSON.stringify(preflight));
      else console.log(`${preflight.willChange} deleted more than ${olderThan} days ago would be purged (dry run).`);
      return 0;
    }
    const report = await applyTransition(db, actor, "purge", selection, {
      bulk: true,
      deleteReason: `CLI: deleted more than ${olderThan} days ago.`,
    });
    if (options.json) console.log(JSON.stringify(report));
    else console.log(`Purged ${report.changed}; tombstones in the audit log (batch ${report.batchUuid ?? "none"}).`);
    return 0;
  }
  if (args.join(" ") === "retention") {
    if (options.off && options.days !== undefined) throw new KnownError("invalid", USAGE);
    if (options.off || options.days !== undefined)
      await setTrashRetention(db, actor, options.off ? null : days(options.days, "--days"));
    const current = await getTrashRetention(db);
    console.log(
      current === null ? "Trash retention is off." : `Deleted assets are purged after ${current} days, daily.`,
    );
    return 0;
  }
  throw new KnownError("invalid", USAGE);
}
