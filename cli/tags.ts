import { z } from "zod";
import { cliActor } from "@/cli/users";
import { bulkTags } from "@/lib/assets/metadata";
import { toSelection } from "@/lib/assets/selection";
import { tagsFieldSchema } from "@/lib/assets/tags";
import type { ActingViewer } from "@/lib/assets/visibility";
import { MAX_SELECTED_UUIDS } from "@/lib/assets/workflow";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";

// `asset-desk tag --add a,b --remove c UUID… | --filter "<query string>"`: the bulk bar's "Add tags"
// and "Remove tags" from the command line, through the same function (audited, one batch).

const USAGE =
  'usage: asset-desk tag [--add a,b] [--remove c] UUID... | --filter "<the table\'s query string>" [--json]';

function tagList(text: string | undefined, option: string): string[] {
  if (text === undefined) return [];
  const parsed = tagsFieldSchema.safeParse(text);
  if (!parsed.success)
    throw new KnownError("invalid", `${option}: ${parsed.error.issues.map((i) => i.message).join(" ")}`);
  return parsed.data;
}

export async function runTagCommand(
  uuids: string[],
  options: { add?: string; remove?: string; filter?: string; json?: boolean },
): Promise<number> {
  if (uuids.length > 0 === (options.filter !== undefined)) throw new KnownError("invalid", USAGE);
  const add = tagList(options.add, "--add");
  const remove = tagList(options.remove, "--remove");
  if (add.length === 0 && remove.length === 0) throw new KnownError("invalid", USAGE);
  const bad = uuids.find((uuid) => !z.uuid().safeParse(uuid).success);
  if (bad) throw new KnownError("invalid", `Not a uuid: ${bad}`);
  if (uuids.length > MAX_SELECTED_UUIDS)
    throw new KnownError("invalid", `At most ${MAX_SELECTED_UUIDS} uuids; use --filter for more.`);
  const selection = toSelection(
    options.filter !== undefined
      ? { kind: "filter", query: options.filter.replace(/^\?/, "") }
      : { kind: "uuids", uuids },
  );
  const actor: ActingViewer = { ...cliActor(), role: "server" };
  const report = await bulkTags(await getDb(), actor, selection, { add, remove });
  if (options.json) console.log(JSON.stringify(report));
  else {
    const skipped = Object.entries(report.skipped).map(([reason, n]) => `${n} ${reason}`);
    console.log(
      `${report.changed} of ${report.matched} changed, ${report.unchanged} already so` +
        (skipped.length ? `, skipped: ${skipped.join(", ")}` : "") +
        ` (batch ${report.batchUuid})`,
    );
  }
  return 0;
}
