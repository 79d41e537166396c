"use server";

import { z } from "zod";
import { defineAction } from "@/lib/define-action";
import { getDb } from "@/lib/db";
import { resolveMove } from "@/lib/ingest/resolve-move";

/** A possible move from a run's report, resolved: the new file is this missing asset (lib/ingest/resolve-move.ts). */
export const resolveMoveAction = defineAction(
  {
    name: "resolveMove",
    schema: z.strictObject({ assetUuid: z.uuid("Unknown asset."), intoUuid: z.uuid("Unknown asset.") }),
    capability: "assets.resolve_move",
    revalidate: [{ path: "/sources", type: "layout" }, "/assets"],
    context: (input) => input,
  },
  async ({ input, actor }) => ({ resolved: await resolveMove(await getDb(), actor, input) }),
);
