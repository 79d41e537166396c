import { z } from "zod";
import { cliActor } from "@/cli/users";
import type { ActingViewer } from "@/lib/assets/visibility";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { applyRemap, previewRemap, remapInputSchema, type RemapPlan } from "@/lib/ingest/remap";
import { resolveMove } from "@/lib/ingest/resolve-move";

// `asset-desk remap` and `asset-desk resolve-move`: the source page's "Re-map paths" and the run
// page's "resolve move", calling the functions the desk and the API call (audited as cli:<login>).

const uuid = (what: string, value: string | undefined) => {
  const parsed = z.uuid().safeParse(value);
  if (!parsed.success) throw new KnownError("invalid", `${what} must be a uuid.`);
  return parsed.data;
};

function printPlan(plan: RemapPlan): void {
  console.log(`${plan.assets} asset(s) under ${plan.from}; ${plan.conflicts} conflict(s), skipped`);
  for (const example of plan.examples) console.log(`  ${example.from} → ${example.to}`);
  for (const example of plan.conflictExamples)
    console.log(`  conflict: ${example.from} → ${example.to} (taken by ${example.takenBy})`);
  if (plan.folders) console.log(`  folders: ${plan.folders.before.join(", ")} → ${plan.folders.after.join(", ")}`);
}

export async function runRemapCommand(options: {
  source?: string;
  from?: string;
  to?: string;
  "dry-run"?: boolean;
  json?: boolean;
}): Promise<number> {
  const sourceUuid = uuid("--source", options.source);
  const input = remapInputSchema.safeParse({ from: options.from ?? "", to: options.to ?? "" });
  if (!input.success)
    throw new KnownError("invalid", input.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
  const db = await getDb();
  if (options["dry-run"]) {
    const plan = await previewRemap(db, sourceUuid, input.data);
    if (options.json) console.log(JSON.stringify({ ...plan, dryRun: true }, null, 2));
    else printPlan(plan);
    return 0;
  }
  const result = await applyRemap(db, cliActor(), sourceUuid, input.data);
  if (options.json) console.log(JSON.stringify({ ...result, dryRun: false }, null, 2));
  else {
    printPlan(result);
    console.log(
      `Re-mapped ${result.remapped}, skipped ${result.skipped}; batch ${result.batchUuid ?? "none"} (undo it from the audit log).`,
    );
  }
  return 0;
}

export async function runResolveMoveCommand(options: {
  asset?: string;
  into?: string;
  json?: boolean;
}): Promise<number> {
  const actor: ActingViewer = { ...cliActor(), role: "server" };
  const resolved = await resolveMove(await getDb(), actor, {
    assetUuid: uuid("--asset", options.asset),
    intoUuid: uuid("--into", options.into),
  });
  console.log(
    options.json
      ? JSON.stringify(resolved)
      : `${resolved.assetUuid} is now at ${resolved.uri}; the new asset ${resolved.removedUuid} was removed.`,
  );
  return 0;
}
