"use server";

import { z } from "zod";
import { defineAction } from "@/lib/define-action";
import { getDb } from "@/lib/db";
import { VIEW_TABLES, deleteView, saveView } from "@/lib/views/saved-views";

const saveSchema = z.strictObject({
  table: z.enum(VIEW_TABLES),
  name: z.string().trim().min(1, "Name the view.").max(100, "Use at most 100 characters."),
  // The table's own canonical query string (no cursor): "" or "?a=b&c=d".
  query: z
    .string()
    .max(2000)
    .regex(/^(\?[^#\s]*)?$/, "Not a query string."),
  shared: z
    .enum(["on"])
    .optional()
    .transform((value) => value === "on"),
});

export const saveViewAction = defineAction(
  { name: "saveView", schema: saveSchema, capability: "assets.read", revalidate: ({ table }) => [`/${table}`] },
  async ({ input, actor }) => ({ uuid: (await saveView(await getDb(), actor, input)).uuid }),
);

export const deleteViewAction = defineAction(
  {
    name: "deleteView",
    schema: z.strictObject({ viewUuid: z.uuid("Unknown view."), table: z.enum(VIEW_TABLES) }),
    capability: "assets.read",
    revalidate: ({ table }) => [`/${table}`],
    context: ({ viewUuid }) => ({ viewUuid }),
  },
  async ({ input, actor }) => {
    await deleteView(await getDb(), actor, input.viewUuid);
  },
);
