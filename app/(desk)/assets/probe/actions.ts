"use server";

import { z } from "zod";
import { requestReprobe, startBackfill } from "@/lib/assets/probe-runs";
import { reprobeAsset } from "@/lib/assets/reprobe";
import { selectionInputSchema } from "@/lib/assets/selection";
import { defineAction, type Revalidation } from "@/lib/define-action";
import { getDb } from "@/lib/db";

// "Probe again" from the desk (docs/media-probing.md): one asset now, a selection as a probe run,
// and the full-probe backfill. Each calls the one function in lib/ that the API and the CLI call.

const DESK: Revalidation[] = [{ path: "/assets", type: "layout" }, "/"];

/** Re-reads one asset's file now (hash and full probe) and records what it found. */
export const reprobeAssetAction = defineAction(
  {
    name: "reprobeAsset",
    schema: z.strictObject({ uuid: z.uuid("Unknown asset.") }),
    capability: "assets.reprobe",
    revalidate: DESK,
    context: ({ uuid }) => ({ assetUuid: uuid }),
  },
  async ({ input: { uuid }, actor }) => ({ report: await reprobeAsset(await getDb(), actor, uuid) }),
);

/** Queues "probe again" for every asset of a selection, as one probe run with progress. */
export const requestReprobeAction = defineAction(
  {
    name: "requestReprobe",
    schema: z.strictObject({ selection: selectionInputSchema }),
    input: "value",
    capability: "assets.reprobe",
  },
  async ({ input: { selection }, actor }) => ({ run: await requestReprobe(await getDb(), actor, selection) }),
);

/** Starts the full-probe backfill, or resumes the one that has not finished. */
export const startBackfillAction = defineAction(
  { name: "startBackfill", schema: z.strictObject({}), capability: "assets.reprobe", revalidate: ["/"] },
  async ({ actor }) => ({ run: await startBackfill(await getDb(), actor) }),
);
