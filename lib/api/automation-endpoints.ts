import "server-only";
import { z } from "zod";
import type { Endpoint } from "@/lib/api/endpoint";
import { MAX_RETENTION_DAYS } from "@/lib/assets/retention";
import { scheduleSchema } from "@/lib/ingest/schedule";
import type { SourceScheduleView } from "@/lib/ingest/sources";

// What the desk does by itself, in the REST API: a source's scheduled scans and the trash's
// retention (the automatic purge). Listed in ENDPOINTS (lib/api/endpoints.ts); the CLI's
// `sources schedule` and `trash retention` call the same functions.

const uuidParams = z.strictObject({ uuid: z.uuid("must be a uuid") });

export const sourceScheduleSchema = z
  .object({
    schedule: scheduleSchema,
    description: z.string().meta({ description: "as the sources page shows it: `every 6 hours`, `off`" }),
    nextScanAt: z.iso
      .datetime()
      .nullable()
      .meta({ description: "ISO 8601, UTC: when the scheduler starts the next scan" }),
  })
  .meta({ id: "SourceSchedule" });

export const sourceScheduleJson = (view: SourceScheduleView): z.infer<typeof sourceScheduleSchema> => ({
  ...view,
  nextScanAt: view.nextScanAt?.toISOString() ?? null,
});

export const setSourceScheduleEndpoint: Endpoint<{ uuid: string }, unknown, z.infer<typeof scheduleSchema>> = {
  method: "PUT",
  path: "/sources/{uuid}/schedule",
  operationId: "setSourceSchedule",
  summary: "Set when a source scans by itself: off, every N hours, or a cron expression (UTC).",
  description:
    "The job queue's scheduler starts the scan at `nextScanAt`, one run at a time per source as a manual scan. A changed schedule counts from now; the same schedule keeps its next time. Audited as source.update.",
  tag: "Scans",
  capability: "admin.manage",
  params: uuidParams,
  body: scheduleSchema,
  responses: { 200: { description: "The source's schedule now.", schema: sourceScheduleSchema } },
};

const retentionDays = z
  .number()
  .int()
  .min(1)
  .max(MAX_RETENTION_DAYS)
  .nullable()
  .meta({ description: "purge, daily, what was deleted more than this many days ago; null: off (the default)" });

export const trashRetentionSchema = z.object({ days: retentionDays }).meta({ id: "TrashRetention" });
export const trashRetentionBody = z.strictObject({ days: retentionDays }).meta({ id: "TrashRetentionRequest" });

export const getTrashRetentionEndpoint: Endpoint = {
  method: "GET",
  path: "/trash/retention",
  operationId: "getTrashRetention",
  summary: "The trash's retention: after how many days deleted assets are purged automatically.",
  tag: "Assets",
  capability: "trash.manage",
  responses: { 200: { description: "The retention setting.", schema: trashRetentionSchema } },
};

export const setTrashRetentionEndpoint: Endpoint<unknown, unknown, z.infer<typeof trashRetentionBody>> = {
  method: "PUT",
  path: "/trash/retention",
  operationId: "setTrashRetention",
  summary: "Set (or turn off) the trash's retention.",
  description:
    'Once a day the desk purges what was deleted more than `days` days ago, as an admin\'s "Purge all matching" would: tombstones stay in the audit log. Audited as settings.trash_retention with the old and new value.',
  tag: "Assets",
  capability: "trash.manage",
  body: trashRetentionBody,
  responses: { 200: { description: "The retention setting now.", schema: trashRetentionSchema } },
};

export const AUTOMATION_ENDPOINTS = [setSourceScheduleEndpoint, getTrashRetentionEndpoint, setTrashRetentionEndpoint];
