import { z } from "zod";
import { cliActor } from "@/cli/users";
import { descriptionSchema, titleSchema } from "@/lib/assets/editorial-fields";
import { bulkTags, editAssetMetadata } from "@/lib/assets/metadata";
import { toSelection } from "@/lib/assets/selection";
import { tagsFieldSchema } from "@/lib/assets/tags";
import type { ActingViewer } from "@/lib/assets/visibility";
import { MAX_SELECTED_UUIDS } from "@/lib/assets/workflow";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";

// The editorial metadata from the command line, through the desk's own functions (same rules, audit
// rows): `asset-desk edit UUID --title … --description … --tags …` as the detail page's Editorial
// form, and `asset-desk tag --add a,b --remove c UUID… | --filter "<query string>"` as the bulk
// bar's "Add tags" and "Remove tags" (one batch).

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

const EDIT_USAGE = "usage: asset-desk edit UUID [--title T] [--description D] [--tags a,b] (empty text clears a field)";

function field<T>(schema: z.ZodType<T>, text: string | undefined, option: string): T | undefined {
  if (text === undefined) return undefined;
  const parsed = schema.safeParse(text);
  if (!parsed.success)
    throw new KnownError("invalid", `${option}: ${parsed.error.issues.map((i) => i.message).join(" ")}`);
  return parsed.data;
}

export async function runEditCommand(
  args: string[],
  options: { title?: string; description?: string; tags?: string; json?: boolean },
): Promise<number> {
  const [uuid, ...rest] = args;
  if (!uuid || rest.length > 0) throw new KnownError("invalid", EDIT_USAGE);
  if (!z.uuid().safeParse(uuid).success) throw new KnownError("invalid", `Not a uuid: ${uuid}`);
  const edit = {
    uuid,
    title: field(titleSchema, options.title, "--title"),
    description: field(descriptionSchema, options.description, "--description"),
    tags: field(tagsFieldSchema, options.tags, "--tags"),
  };
  if (options.title === undefined && options.description === undefined && options.tags === undefined)
    throw new KnownError("invalid", EDIT_USAGE);
  const actor: ActingViewer = { ...cliActor(), role: "server" };
  const result = await editAssetMetadata(await getDb(), actor, edit);
  if (options.json) console.log(JSON.stringify(result));
  else console.log(result.changed.length ? `Changed: ${result.changed.join(", ")}.` : "Nothing changed.");
  return 0;
}
