"use server";

import { z } from "zod";
import { defineAction } from "@/lib/define-action";
import { getDb } from "@/lib/db";
import { startScan } from "@/lib/jobs/queue";
import { createSource, deleteSource, sourceInputSchema, updateSource } from "@/lib/ingest/sources";

const sourceUuid = z.uuid("Unknown source.");
const about = ({ sourceUuid }: { sourceUuid: string }) => ({ sourceUuid });

export const createSourceAction = defineAction(
  { name: "createSource", schema: sourceInputSchema, capability: "admin.manage", revalidate: ["/sources"] },
  async ({ input, actor }) => ({ uuid: (await createSource(await getDb(), actor, input)).uuid }),
);

export const updateSourceAction = defineAction(
  {
    name: "updateSource",
    // safeExtend: the source's own schema keeps its cross-field checks (roots for a folder, url for a server).
    schema: sourceInputSchema.safeExtend({ sourceUuid }),
    capability: "admin.manage",
    revalidate: ["/sources"],
    context: about,
  },
  async ({ input: { sourceUuid, ...fields }, actor }) => {
    await updateSource(await getDb(), actor, sourceUuid, fields);
  },
);

export const deleteSourceAction = defineAction(
  {
    name: "deleteSource",
    schema: z.strictObject({ sourceUuid }),
    capability: "admin.manage",
    revalidate: ["/sources"],
    context: about,
  },
  async ({ input, actor }) => {
    await deleteSource(await getDb(), actor, input.sourceUuid);
  },
);

/** Queues a scan and returns at once; the run page follows its progress. */
export const startScanAction = defineAction(
  {
    name: "startScan",
    schema: z.strictObject({ sourceUuid }),
    capability: "assets.edit",
    revalidate: ["/sources"],
    context: about,
  },
  async ({ input, actor }) => ({ runUuid: (await startScan(actor, input.sourceUuid, "desk")).uuid }),
);
