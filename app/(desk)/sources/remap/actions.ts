"use server";

import { z } from "zod";
import { defineAction } from "@/lib/define-action";
import { getDb } from "@/lib/db";
import { applyRemap, differentFolders, previewRemap, remapFields } from "@/lib/ingest/remap";

// Re-map a source's paths (lib/ingest/remap.ts): the pre-flight, then the change as one undoable batch.

const schema = z.strictObject({ sourceUuid: z.uuid("Unknown source."), ...remapFields }).refine(...differentFolders);
const about = ({ sourceUuid }: { sourceUuid: string }) => ({ sourceUuid });

export const previewRemapAction = defineAction(
  { name: "previewRemap", schema, capability: "sources.remap", context: about },
  async ({ input: { sourceUuid, from, to } }) => ({
    plan: await previewRemap(await getDb(), sourceUuid, { from, to }),
  }),
);

export const applyRemapAction = defineAction(
  {
    name: "applyRemap",
    schema,
    capability: "sources.remap",
    revalidate: [{ path: "/sources", type: "layout" }, "/assets", "/catalog", "/audit"],
    context: about,
  },
  async ({ input: { sourceUuid, from, to }, actor }) => ({
    result: await applyRemap(await getDb(), actor, sourceUuid, { from, to }),
  }),
);
