import { CronExpressionParser } from "cron-parser";
import { z } from "zod";

// When a source scans by itself: never, every N hours, or at the times of a five-field cron
// expression (minute hour day month weekday, in UTC). The next time is computed here and stored on
// the source, so every instance and worker agrees on it and the sources page can show it.

export type ScanSchedule = { kind: "off" } | { kind: "every"; hours: number } | { kind: "cron"; expression: string };

export const MAX_EVERY_HOURS = 24 * 30;

const OFF: ScanSchedule = { kind: "off" };

/** The cron expression parsed in UTC, or the reason it cannot be. */
function parseCron(expression: string, currentDate: Date) {
  if (expression.split(/\s+/).length !== 5)
    throw new Error("Use five fields: minute hour day month weekday (e.g. 0 3 * * * for 03:00 UTC daily).");
  return CronExpressionParser.parse(expression, { currentDate, tz: "UTC" });
}

/** A cron expression as stored: trimmed, fields separated by one space. */
export const cronText = (text: string) => text.trim().replace(/\s+/g, " ");

/** The form's three fields (kind, hours, cron), checked; `undefined` when the form did not send them. */
export const scheduleFields = {
  scanSchedule: z.enum(["off", "every", "cron"], "Choose when the source scans by itself.").optional(),
  scanEveryHours: z.string().trim().max(10).optional(),
  scanCron: z.string().trim().max(100, "At most 100 characters.").optional(),
};

type ScheduleFields = { scanSchedule?: "off" | "every" | "cron"; scanEveryHours?: string; scanCron?: string };

/** The schedule the fields ask for, or the field errors (keyed by field name) that say why not. */
export function readSchedule(fields: ScheduleFields): { schedule?: ScanSchedule; errors: Record<string, string> } {
  switch (fields.scanSchedule) {
    case undefined:
      return { errors: {} };
    case "off":
      return { schedule: OFF, errors: {} };
    case "every": {
      const hours = Number(fields.scanEveryHours ?? "");
      if (!/^\d+$/.test(fields.scanEveryHours ?? "") || hours < 1 || hours > MAX_EVERY_HOURS)
        return { errors: { scanEveryHours: `Enter whole hours from 1 to ${MAX_EVERY_HOURS}.` } };
      return { schedule: { kind: "every", hours }, errors: {} };
    }
    case "cron": {
      const expression = cronText(fields.scanCron ?? "");
      if (!expression) return { errors: { scanCron: "Enter a cron expression, e.g. 0 3 * * *." } };
      try {
        parseCron(expression, new Date());
      } catch (error) {
        return { errors: { scanCron: `Not a cron expression: ${(error as Error).message}` } };
      }
      return { schedule: { kind: "cron", expression }, errors: {} };
    }
  }
}

/** The stored columns of a schedule. */
export function scheduleColumns(schedule: ScanSchedule): { scanEveryHours: number | null; scanCron: string | null } {
  return {
    scanEveryHours: schedule.kind === "every" ? schedule.hours : null,
    scanCron: schedule.kind === "cron" ? schedule.expression : null,
  };
}

/** The schedule of stored columns. */
export function storedSchedule(columns: { scanEveryHours: number | null; scanCron: string | null }): ScanSchedule {
  if (columns.scanEveryHours !== null) return { kind: "every", hours: columns.scanEveryHours };
  if (columns.scanCron !== null) return { kind: "cron", expression: columns.scanCron };
  return OFF;
}

/** The first time after `after` the schedule asks for a scan; null when it is off. */
export function nextScanTime(schedule: ScanSchedule, after: Date): Date | null {
  if (schedule.kind === "off") return null;
  if (schedule.kind === "every") return new Date(after.getTime() + schedule.hours * 3_600_000);
  return parseCron(schedule.expression, after).next().toDate();
}

/** "every 6 hours", "cron 0 3 * * * (UTC)", "off". */
export function describeSchedule(schedule: ScanSchedule): string {
  if (schedule.kind === "off") return "off";
  if (schedule.kind === "every") return schedule.hours === 1 ? "every hour" : `every ${schedule.hours} hours`;
  return `cron ${schedule.expression} (UTC)`;
}

/** A schedule as the REST API and the CLI give it, checked with the form's rules. */
export const scheduleSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("off") }),
    z.strictObject({
      kind: z.literal("every"),
      hours: z
        .number()
        .int(`Whole hours from 1 to ${MAX_EVERY_HOURS}.`)
        .min(1, `Whole hours from 1 to ${MAX_EVERY_HOURS}.`)
        .max(MAX_EVERY_HOURS, `Whole hours from 1 to ${MAX_EVERY_HOURS}.`),
    }),
    z.strictObject({
      kind: z.literal("cron"),
      expression: z
        .string()
        .trim()
        .max(100, "At most 100 characters.")
        .superRefine((text, context) => {
          const message = readSchedule({ scanSchedule: "cron", scanCron: text }).errors.scanCron;
          if (message) context.addIssue({ code: "custom", message });
        })
        .meta({ description: "five fields, minute hour day month weekday, in UTC (e.g. `0 3 * * *`)" }),
    }),
  ])
  .meta({ id: "ScanSchedule" });
