"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionFailure, invalidInput, type ActionResult } from "@/lib/action-result";
import { editAsset, type EditResult } from "@/lib/assets/edit";
import { linkEpisode, unlinkEpisode } from "@/lib/assets/episodes";
import { selectionInputSchema, toSelection } from "@/lib/assets/selection";
import { TRANSITIONS } from "@/lib/assets/transitions";
import { RULES, catalogTagsSchema } from "@/lib/assets/rules";
import { seesDeletedAssets } from "@/lib/assets/visibility";
import { batchTransition, undoBatch, type UndoReport } from "@/lib/assets/undo";
import {
  applyTransition,
  previewTransition,
  transitionAsset,
  type Preflight,
  type TransitionReport,
} from "@/lib/assets/workflow";
import { requireRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { formFields } from "@/lib/form-data";

type State = ActionResult | null;

const transitionSchema = z.enum(TRANSITIONS);
const tagsSchema = z
  .string()
  .max(500)
  .transform((text) => [
    ...new Set(
      text
        .split(",")
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(catalogTagsSchema);
const reasonSchema = z
  .string()
  .trim()
  .max(500, "Keep the reason under 500 characters.")
  .transform((text) => text || null);

function revalidateDesk() {
  revalidatePath("/assets", "layout");
  revalidatePath("/catalog");
  revalidatePath("/trash");
  revalidatePath("/");
}

/**
 * One asset: approve, revoke, promote (with tags), withdraw, delete (with a reason) or restore.
 * The detail page sends `leave`: an asset its user just deleted and may no longer see (below
 * trash.manage) sends them back to the list rather than to its "not found" page.
 */
export async function transitionAssetAction(
  _previous: State,
  formData: FormData,
): Promise<ActionResult<{ changed: boolean }>> {
  const input = z
    .strictObject({
      uuid: z.uuid("Unknown asset."),
      transition: transitionSchema,
      tags: tagsSchema.optional(),
      reason: reasonSchema.optional(),
      leave: z.literal("1").optional(),
    })
    .safeParse(formFields(formData));
  if (!input.success) return invalidInput(input.error);
  const { uuid, transition, tags, reason, leave } = input.data;
  try {
    const actor = await requireRole(RULES[transition].capability);
    const result = await transitionAsset(await getDb(), actor, transition, uuid, { tags, deleteReason: reason });
    revalidateDesk();
    const gone = transition === "delete" && !seesDeletedAssets(actor.role);
    if (!(gone && leave)) return { ok: true, changed: result.changed };
  } catch (error) {
    return actionFailure(error, { action: "transitionAsset", transition, assetUuid: uuid });
  }
  // Outside the try: redirect() throws to do its work.
  redirect("/assets");
}

const bulkSchema = z.strictObject({
  transition: transitionSchema,
  selection: selectionInputSchema,
  tags: catalogTagsSchema.optional(),
  reason: reasonSchema.optional(),
});

/** The pre-flight summary of a bulk transition: changes nothing. */
export async function previewBulkAction(input: unknown): Promise<ActionResult<{ preflight: Preflight }>> {
  const parsed = bulkSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const actor = await requireRole(RULES[parsed.data.transition].capability);
    return {
      ok: true,
      preflight: await previewTransition(
        await getDb(),
        actor.role,
        parsed.data.transition,
        toSelection(parsed.data.selection),
      ),
    };
  } catch (error) {
    return actionFailure(error, { action: "previewBulk", transition: parsed.data.transition });
  }
}

/** A bulk transition over a selection (uuids or the filter), in bounded batches; reports what it did. */
export async function bulkTransitionAction(input: unknown): Promise<ActionResult<{ report: TransitionReport }>> {
  const parsed = bulkSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { transition, selection, tags, reason } = parsed.data;
  try {
    const actor = await requireRole(RULES[transition].capability);
    const report = await applyTransition(await getDb(), actor, transition, toSelection(selection), {
      bulk: true,
      tags,
      deleteReason: reason,
    });
    revalidateDesk();
    return { ok: true, report };
  } catch (error) {
    return actionFailure(error, { action: "bulkTransition", transition });
  }
}

/** Reverts a bulk approve, promote or delete from its batch in the audit log. */
export async function undoBatchAction(
  _previous: State,
  formData: FormData,
): Promise<ActionResult<{ report: UndoReport }>> {
  const input = z.strictObject({ batchUuid: z.uuid("Unknown batch.") }).safeParse(formFields(formData));
  if (!input.success) return invalidInput(input.error);
  try {
    // Everyone who may undo anything is at least an editor; the inverse transition decides the rest.
    await requireRole("assets.approve");
    const db = await getDb();
    const actor = await requireRole(RULES[await batchTransition(db, input.data.batchUuid, "inverse")].capability);
    const report = await undoBatch(db, actor, input.data.batchUuid);
    revalidateDesk();
    revalidatePath("/audit");
    return { ok: true, report };
  } catch (error) {
    return actionFailure(error, { action: "undoBatch", batchUuid: input.data.batchUuid });
  }
}

const nullableNumber = z
  .string()
  .trim()
  .transform((text) => (text === "" ? null : Number(text)))
  .pipe(z.number({ error: "Enter a number." }).int("Use whole milliseconds.").min(0).max(2_147_483_647).nullable());
const nullableCodec = z
  .string()
  .trim()
  .transform((text) => text || null)
  .pipe(
    z
      .string()
      .max(50, "Use at most 50 characters.")
      .regex(/^[a-z0-9_.-]+$/, "Use lower-case names such as h264 or aac.")
      .nullable(),
  );

/** Saves the edit form: metadata and file path (a new one is hashed and probed first), refused when the asset changed since the form was read. */
export async function editAssetAction(_previous: State, formData: FormData): Promise<ActionResult<EditResult>> {
  const input = z
    .strictObject({
      uuid: z.uuid("Unknown asset."),
      version: z.coerce.number().int().min(1).max(2_147_483_647),
      uri: z.string().trim().min(1, "Enter the file path.").max(4096),
      durationMs: nullableNumber,
      videoCodec: nullableCodec,
      audioCodec: nullableCodec,
      container: nullableCodec,
    })
    .safeParse(formFields(formData));
  if (!input.success) return invalidInput(input.error);
  try {
    const actor = await requireRole("assets.edit");
    const result = await editAsset(await getDb(), actor, input.data);
    revalidateDesk();
    return { ok: true, ...result };
  } catch (error) {
    return actionFailure(error, { action: "editAsset", assetUuid: input.data.uuid });
  }
}

export async function linkEpisodeAction(
  _previous: State,
  formData: FormData,
): Promise<ActionResult<{ episodeUuid: string }>> {
  const input = z
    .strictObject({
      uuid: z.uuid("Unknown asset."),
      seriesTitle: z.string().trim().min(1, "Enter the series.").max(200),
      seasonNumber: z.coerce.number().int("Use a whole number.").min(0).max(999),
      episodeNumber: z.coerce.number().int("Use a whole number.").min(0).max(9999),
      title: z.string().trim().min(1, "Enter the episode title.").max(300),
    })
    .safeParse(formFields(formData));
  if (!input.success) return invalidInput(input.error);
  const { uuid, ...ref } = input.data;
  try {
    const actor = await requireRole("assets.edit");
    const result = await linkEpisode(await getDb(), actor, uuid, ref);
    revalidatePath(`/assets/${uuid}`);
    return { ok: true, episodeUuid: result.episodeUuid };
  } catch (error) {
    return actionFailure(error, { action: "linkEpisode", assetUuid: uuid });
  }
}

export async function unlinkEpisodeAction(_previous: State, formData: FormData): Promise<ActionResult> {
  const input = z
    .strictObject({ uuid: z.uuid("Unknown asset."), episodeUuid: z.uuid("Unknown episode.") })
    .safeParse(formFields(formData));
  if (!input.success) return invalidInput(input.error);
  try {
    const actor = await requireRole("assets.edit");
    await unlinkEpisode(await getDb(), actor, input.data.uuid, input.data.episodeUuid);
    revalidatePath(`/assets/${input.data.uuid}`);
    return { ok: true };
  } catch (error) {
    return actionFailure(error, { action: "unlinkEpisode", assetUuid: input.data.uuid });
  }
}
