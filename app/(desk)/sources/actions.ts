"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionFailure, invalidInput, type ActionResult } from "@/lib/action-result";
import { requireRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { formFields } from "@/lib/form-data";
import { startScan } from "@/lib/jobs/queue";
import { createSource, deleteSource, sourceInputSchema, updateSource } from "@/lib/ingest/sources";

type State = ActionResult | null;

const sourceUuid = z.uuid("Unknown source.");

export async function createSourceAction(
  _previous: State,
  formData: FormData,
): Promise<ActionResult<{ uuid: string }>> {
  const input = sourceInputSchema.safeParse(formFields(formData));
  if (!input.success) return invalidInput(input.error);
  try {
    const actor = await requireRole("admin.manage");
    const source = await createSource(await getDb(), actor, input.data);
    revalidatePath("/sources");
    return { ok: true, uuid: source.uuid };
  } catch (error) {
    return actionFailure(error, { action: "createSource" });
  }
}

export async function updateSourceAction(_previous: State, formData: FormData): Promise<ActionResult> {
  const { sourceUuid: uuid, ...fields } = formFields(formData);
  const parsedUuid = sourceUuid.safeParse(uuid);
  const input = sourceInputSchema.safeParse(fields);
  if (!parsedUuid.success) return invalidInput(parsedUuid.error);
  if (!input.success) return invalidInput(input.error);
  try {
    const actor = await requireRole("admin.manage");
    await updateSource(await getDb(), actor, parsedUuid.data, input.data);
    revalidatePath("/sources");
    return { ok: true };
  } catch (error) {
    return actionFailure(error, { action: "updateSource", sourceUuid: parsedUuid.data });
  }
}

export async function deleteSourceAction(_previous: State, formData: FormData): Promise<ActionResult> {
  const input = z.strictObject({ sourceUuid }).safeParse(formFields(formData));
  if (!input.success) return invalidInput(input.error);
  try {
    const actor = await requireRole("admin.manage");
    await deleteSource(await getDb(), actor, input.data.sourceUuid);
    revalidatePath("/sources");
    return { ok: true };
  } catch (error) {
    return actionFailure(error, { action: "deleteSource", sourceUuid: input.data.sourceUuid });
  }
}

/** Queues a scan and returns at once; the run page follows its progress. */
export async function startScanAction(
  _previous: State,
  formData: FormData,
): Promise<ActionResult<{ runUuid: string }>> {
  const input = z.strictObject({ sourceUuid }).safeParse(formFields(formData));
  if (!input.success) return invalidInput(input.error);
  try {
    const actor = await requireRole("assets.edit");
    const run = await startScan(actor, input.data.sourceUuid, "desk");
    revalidatePath("/sources");
    return { ok: true, runUuid: run.uuid };
  } catch (error) {
    return actionFailure(error, { action: "startScan", sourceUuid: input.data.sourceUuid });
  }
}
