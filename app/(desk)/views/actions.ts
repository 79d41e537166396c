"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionFailure, invalidInput, type ActionResult } from "@/lib/action-result";
import { requireRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { formFields } from "@/lib/form-data";
import { VIEW_TABLES, deleteView, saveView } from "@/lib/views/saved-views";

type State = ActionResult | null;

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

export async function saveViewAction(_previous: State, formData: FormData): Promise<ActionResult<{ uuid: string }>> {
  const input = saveSchema.safeParse(formFields(formData));
  if (!input.success) return invalidInput(input.error);
  try {
    const actor = await requireRole("assets.read");
    const view = await saveView(await getDb(), actor, input.data);
    revalidatePath(`/${input.data.table}`);
    return { ok: true, uuid: view.uuid };
  } catch (error) {
    return actionFailure(error, { action: "saveView" });
  }
}

export async function deleteViewAction(_previous: State, formData: FormData): Promise<ActionResult> {
  const input = z
    .strictObject({ viewUuid: z.uuid("Unknown view."), table: z.enum(VIEW_TABLES) })
    .safeParse(formFields(formData));
  if (!input.success) return invalidInput(input.error);
  try {
    const actor = await requireRole("assets.read");
    await deleteView(await getDb(), actor, input.data.viewUuid);
    revalidatePath(`/${input.data.table}`);
    return { ok: true };
  } catch (error) {
    return actionFailure(error, { action: "deleteView", viewUuid: input.data.viewUuid });
  }
}
