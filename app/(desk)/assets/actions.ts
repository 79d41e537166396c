"use server";

import { z } from "zod";
import { editAsset } from "@/lib/assets/edit";
import { linkEpisode, unlinkEpisode } from "@/lib/assets/episodes";
import { selectionInputSchema, toSelection } from "@/lib/assets/selection";
import { TRANSITIONS } from "@/lib/assets/transitions";
import { RULES, qcOverrideSchema } from "@/lib/assets/rules";
import { tagsFieldSchema } from "@/lib/assets/tags";
import { seesDeletedAssets } from "@/lib/assets/visibility";
import { batchUndo } from "@/lib/assets/undo";
import { applyTransition, previewTransition, transitionAsset } from "@/lib/assets/workflow";
import { can } from "@/lib/auth/permissions";
import { defineAction, type Revalidation } from "@/lib/define-action";
import { getDb } from "@/lib/db";
import { notAllowed } from "@/lib/errors";
import { qcProgress, requestAssetQc, requestQc } from "@/lib/qc/jobs";
import { requestThumbnails } from "@/lib/thumbnails/jobs";

const transitionSchema = z.enum(TRANSITIONS);
const reasonSchema = z
  .string()
  .trim()
  .max(500, "Keep the reason under 500 characters.")
  .transform((text) => text || null);

// Every list and count an asset's status shows in.
const DESK: Revalidation[] = [{ path: "/assets", type: "layout" }, "/catalog", "/trash", "/"];

/**
 * One asset: approve, revoke, promote (with tags), withdraw, delete (with a reason) or restore.
 * The detail page sends `leave`: an asset its user just deleted and may no longer see (below
 * trash.manage) sends them back to the list rather than to its "not found" page.
 */
export const transitionAssetAction = defineAction(
  {
    name: "transitionAsset",
    schema: z.strictObject({
      uuid: z.uuid("Unknown asset."),
      transition: transitionSchema,
      tags: tagsFieldSchema.optional(),
      reason: reasonSchema.optional(),
      qcOverride: qcOverrideSchema.optional(),
      leave: z.literal("1").optional(),
    }),
    capability: ({ transition }) => RULES[transition].capability,
    revalidate: DESK,
    context: ({ transition, uuid }) => ({ transition, assetUuid: uuid }),
    redirect: ({ input: { transition, leave }, actor }) =>
      transition === "delete" && !seesDeletedAssets(actor.role) && leave ? "/assets" : null,
  },
  async ({ input: { uuid, transition, tags, reason, qcOverride }, actor }) => {
    const result = await transitionAsset(await getDb(), actor, transition, uuid, {
      tags,
      deleteReason: reason,
      qcOverride,
    });
    return { changed: result.changed };
  },
);

const bulkSchema = z.strictObject({
  transition: transitionSchema,
  selection: selectionInputSchema,
  // The tags as typed in the bulk bar, like the single form's field.
  tags: tagsFieldSchema.optional(),
  reason: reasonSchema.optional(),
  qcOverride: qcOverrideSchema.optional(),
});

/** The pre-flight summary of a bulk transition: changes nothing. */
export const previewBulkAction = defineAction(
  {
    name: "previewBulk",
    schema: bulkSchema,
    input: "value",
    capability: ({ transition }) => RULES[transition].capability,
    context: ({ transition }) => ({ transition }),
  },
  async ({ input: { transition, selection }, actor }) => ({
    preflight: await previewTransition(await getDb(), actor.role, transition, toSelection(selection)),
  }),
);

/** A bulk transition over a selection (uuids or the filter), in bounded batches; reports what it did. */
export const bulkTransitionAction = defineAction(
  {
    name: "bulkTransition",
    schema: bulkSchema,
    input: "value",
    capability: ({ transition }) => RULES[transition].capability,
    revalidate: DESK,
    context: ({ transition }) => ({ transition }),
  },
  async ({ input: { transition, selection, tags, reason, qcOverride }, actor }) => ({
    report: await applyTransition(await getDb(), actor, transition, toSelection(selection), {
      bulk: true,
      tags,
      deleteReason: reason,
      qcOverride,
    }),
  }),
);

/**
 * Queues the poster and scrub strip of every selected asset that has video. Pictures change nothing
 * about an asset, so every role that reads assets may ask; the request is audited.
 */
export const requestThumbnailsAction = defineAction(
  {
    name: "requestThumbnails",
    schema: z.strictObject({ selection: selectionInputSchema }),
    input: "value",
    capability: "assets.read",
  },
  async ({ input: { selection }, actor }) => ({
    report: await requestThumbnails(await getDb(), actor, selection),
  }),
);

/** Reverts a bulk approve, promote or delete, a re-map of a source's paths or a catalog source replacement, from its batch in the audit log. */
export const undoBatchAction = defineAction(
  {
    name: "undoBatch",
    schema: z.strictObject({ batchUuid: z.uuid("Unknown batch.") }),
    // Everyone who may undo anything is at least an editor; the batch's own undo decides the rest.
    capability: "assets.approve",
    revalidate: [...DESK, "/audit"],
    context: ({ batchUuid }) => ({ batchUuid }),
  },
  async ({ input: { batchUuid }, actor }) => {
    const { capability, undo } = await batchUndo(await getDb(), batchUuid);
    if (!can(actor.role, capability)) throw notAllowed();
    return { report: await undo(actor) };
  },
);

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
export const editAssetAction = defineAction(
  {
    name: "editAsset",
    schema: z.strictObject({
      uuid: z.uuid("Unknown asset."),
      version: z.coerce.number().int().min(1).max(2_147_483_647),
      uri: z.string().trim().min(1, "Enter the file path.").max(4096),
      durationMs: nullableNumber,
      videoCodec: nullableCodec,
      audioCodec: nullableCodec,
      container: nullableCodec,
    }),
    capability: "assets.edit",
    revalidate: DESK,
    context: ({ uuid }) => ({ assetUuid: uuid }),
  },
  async ({ input, actor }) => editAsset(await getDb(), actor, input),
);

export const linkEpisodeAction = defineAction(
  {
    name: "linkEpisode",
    schema: z.strictObject({
      uuid: z.uuid("Unknown asset."),
      seriesTitle: z.string().trim().min(1, "Enter the series.").max(200),
      seasonNumber: z.coerce.number().int("Use a whole number.").min(0).max(999),
      episodeNumber: z.coerce.number().int("Use a whole number.").min(0).max(9999),
      title: z.string().trim().min(1, "Enter the episode title.").max(300),
    }),
    capability: "assets.edit",
    revalidate: ({ uuid }) => [`/assets/${uuid}`],
    context: ({ uuid }) => ({ assetUuid: uuid }),
  },
  async ({ input: { uuid, ...ref }, actor }) => ({
    episodeUuid: (await linkEpisode(await getDb(), actor, uuid, ref)).episodeUuid,
  }),
);

export const unlinkEpisodeAction = defineAction(
  {
    name: "unlinkEpisode",
    schema: z.strictObject({ uuid: z.uuid("Unknown asset."), episodeUuid: z.uuid("Unknown episode.") }),
    capability: "assets.edit",
    revalidate: ({ uuid }) => [`/assets/${uuid}`],
    context: ({ uuid }) => ({ assetUuid: uuid }),
  },
  async ({ input, actor }) => {
    await unlinkEpisode(await getDb(), actor, input.uuid, input.episodeUuid);
  },
);

/** Queues QC of one asset (its file, under the default profile); the request is audited. */
export const runQcAction = defineAction(
  {
    name: "runQc",
    schema: z.strictObject({ uuid: z.uuid("Unknown asset.") }),
    capability: "qc.run",
    revalidate: ({ uuid }) => [`/assets/${uuid}`],
    context: ({ uuid }) => ({ assetUuid: uuid }),
  },
  async ({ input, actor }) => ({ report: await requestAssetQc(await getDb(), actor, input.uuid) }),
);

/** Queues QC of every checkable asset of a selection (uuids or the table's filter); audited. */
export const requestQcAction = defineAction(
  {
    name: "requestQc",
    schema: z.strictObject({ selection: selectionInputSchema }),
    input: "value",
    capability: "qc.bulk",
  },
  async ({ input: { selection }, actor }) => ({ report: await requestQc(await getDb(), actor, selection) }),
);

/** How far a QC request is (its jobs waiting, running, done, failed). */
export const qcProgressAction = defineAction(
  {
    name: "qcProgress",
    schema: z.strictObject({ requestUuid: z.uuid("Unknown request.") }),
    input: "value",
    capability: "qc.run",
  },
  async ({ input, actor }) => ({ progress: await qcProgress(await getDb(), actor, input.requestUuid) }),
);
