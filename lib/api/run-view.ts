import { z } from "zod";
import type { RunSummary } from "@/lib/ingest/run-report";

// A scan run as the API answers it (the same object the run page polls and `asset-desk scan --json` prints).

const time = z.iso.datetime();
const count = z.number().int().min(0);

export const runSummarySchema = z
  .object({
    uuid: z.uuid(),
    source: z.object({ uuid: z.uuid().nullable(), name: z.string(), kind: z.enum(["filesystem", "plex", "jellyfin"]) }),
    status: z.enum(["queued", "running", "succeeded", "failed"]),
    stale: z.boolean().meta({ description: "running, but its worker stopped responding" }),
    trigger: z.string(),
    startedBy: z.string().nullable(),
    worker: z.string().nullable().meta({ description: "the worker process that ran it, host:pid" }),
    queuedAt: time,
    startedAt: time.nullable(),
    finishedAt: time.nullable(),
    total: count.nullable(),
    done: count,
    filesPerSecond: z.number().nullable(),
    counts: z.object({ new: count, changed: count, unchanged: count, missing: count, failed: count }),
    error: z.string().nullable(),
    errors: z.array(z.object({ path: z.string(), error: z.string() })),
    possibleMoves: z
      .array(
        z.object({
          path: z.string(),
          assetUuid: z.uuid().nullable().meta({ description: "the asset now at the path" }),
          candidates: z.array(z.object({ uuid: z.uuid(), uri: z.string() })),
          resolvedInto: z.uuid().nullable(),
        }),
      )
      .meta({
        description:
          "new files with the bytes of several missing assets: not guessed; POST /assets/{assetUuid}/resolve-move with one candidate",
      }),
  })
  .meta({ id: "ScanRun" }) satisfies z.ZodType<RunSummary>;
