import { cliActor } from "@/cli/users";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { describeSchedule, scheduleSchema } from "@/lib/ingest/schedule";
import { getSource, listSources } from "@/lib/ingest/queries";
import { setSourceSchedule } from "@/lib/ingest/sources";
import { parseUuid } from "@/lib/uuid";

// `asset-desk sources …`: the sources page's list and its "Scheduled scans", through the same
// functions (same rules, audit rows) as the page and PUT /api/v1/sources/{uuid}/schedule.

const USAGE =
  "usage: asset-desk sources list [--json] | sources schedule UUID [--every HOURS | --cron EXPR | --off] [--json]";

const when = (date: Date | null) => (date ? date.toISOString().replace(/\.\d{3}Z$/, "Z") : "–");

function requestedSchedule(options: { every?: string; cron?: string; off?: boolean }) {
  const given = [options.every !== undefined, options.cron !== undefined, Boolean(options.off)].filter(Boolean);
  if (given.length === 0) return undefined;
  if (given.length > 1) throw new KnownError("invalid", `Give one of --every, --cron, --off.\n${USAGE}`);
  const parsed = scheduleSchema.safeParse(
    options.off
      ? { kind: "off" }
      : options.cron !== undefined
        ? { kind: "cron", expression: options.cron }
        : { kind: "every", hours: /^\d+$/.test(options.every!) ? Number(options.every) : Number.NaN },
  );
  if (!parsed.success) {
    const option = options.cron !== undefined ? "--cron" : "--every";
    throw new KnownError("invalid", `${option}: ${parsed.error.issues.map((issue) => issue.message).join(" ")}`);
  }
  return parsed.data;
}

export async function runSourcesCommand(
  args: string[],
  options: { every?: string; cron?: string; off?: boolean; json?: boolean },
): Promise<number> {
  const db = await getDb();
  const [command, uuidArgument, ...rest] = args;
  if (command === "list" && uuidArgument === undefined) {
    const sources = await listSources(db);
    if (options.json) {
      console.log(
        JSON.stringify(
          sources.map(({ uuid, kind, name, schedule, nextScanAt }) => ({ uuid, kind, name, schedule, nextScanAt })),
        ),
      );
    } else {
      for (const source of sources)
        console.log(
          `${source.uuid}  ${source.kind.padEnd(10)} ${source.name}  (scans: ${describeSchedule(source.schedule)}, next ${when(source.nextScanAt)})`,
        );
      if (sources.length === 0) console.log("No sources.");
    }
    return 0;
  }
  if (command !== "schedule" || !uuidArgument || rest.length > 0) throw new KnownError("invalid", USAGE);
  const uuid = parseUuid(uuidArgument);
  if (!uuid) throw new KnownError("invalid", `Not a uuid: ${uuidArgument}`);
  const schedule = requestedSchedule(options);
  const view = schedule
    ? await setSourceSchedule(db, cliActor(), uuid, schedule)
    : await getSource(db, uuid).then((source) => ({
        schedule: source.schedule,
        description: describeSchedule(source.schedule),
        nextScanAt: source.nextScanAt,
      }));
  if (options.json) console.log(JSON.stringify(view));
  else console.log(`Scans ${view.description}; next ${when(view.nextScanAt)}.`);
  return 0;
}
