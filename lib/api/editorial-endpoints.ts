import "server-only";
import { z } from "zod";
import type { Endpoint } from "@/lib/api/endpoint";
import { selectionRequestBody } from "@/lib/api/selection-body";
import { descriptionSchema, noteBodySchema, titleSchema } from "@/lib/assets/editorial-fields";
import type { BulkTagReport } from "@/lib/assets/metadata";
import type { NoteView } from "@/lib/assets/notes";
import { tagsSchema } from "@/lib/assets/tags";
import { REASONS } from "@/lib/assets/transitions";

// The editorial endpoints of /api/v1 (README, "Editorial metadata and notes"): an asset's title,
// description and tags, bulk tag changes, and the notes thread. lib/api/endpoints.ts lists them
// with the others (this module imports nothing from it). Rules: metadataRefusal and noteEditRefusal
// in lib/assets/rules.ts, asked by the lib/ functions these call.

const uuid = z.uuid();
const time = z.iso.datetime().meta({ description: "ISO 8601, UTC" });
const assetParams = z.strictObject({ uuid: z.uuid("must be a uuid") });
const noteParams = z.strictObject({ uuid: z.uuid("must be a uuid"), noteUuid: z.uuid("must be a uuid") });
const tags = tagsSchema.meta({
  description: "tags: trimmed, lower-cased, de-duplicated and sorted by the server; at most 20 of 50 characters",
});

const metadataBody = z
  .strictObject({
    title: titleSchema.nullable().optional().meta({ description: "up to 200 characters; empty or null clears it" }),
    description: descriptionSchema
      .nullable()
      .optional()
      .meta({ description: "up to 5,000 characters; empty or null clears it" }),
    tags: tags.optional().meta({ description: "the asset's whole tag list (replaces it)" }),
    version: z.number().int().min(1).optional().meta({
      description:
        "the asset's version as read (GET /assets/{uuid}); when given and no longer current, 409 and nothing is saved",
    }),
  })
  .meta({ id: "AssetMetadataEdit", description: "Only the fields sent change." });

const metadataResultSchema = z
  .object({
    uuid,
    changed: z.array(z.enum(["title", "description", "tags"])),
    version: z.number().int().meta({ description: "the asset's version after the edit" }),
  })
  .meta({ id: "AssetMetadataResult" });

export const editAssetMetadataEndpoint: Endpoint<{ uuid: string }, unknown, z.infer<typeof metadataBody>> = {
  method: "PATCH",
  path: "/assets/{uuid}",
  operationId: "editAssetMetadata",
  summary: "Edit the asset's editorial metadata: title, description, tags.",
  description:
    "Operators edit assets not approved yet; editors and admins any live asset, approved and promoted ones included (the catalog entry keeps its own title and tags). An edit never revokes approval. Audited (asset.metadata, the changed fields before and after). 409 when the asset is deleted or `version` is stale; 403 for an operator on an approved asset. A deleted asset is 404 below trash.manage.",
  tag: "Assets",
  capability: "assets.edit",
  params: assetParams,
  body: metadataBody,
  responses: { 200: { description: "Saved (changed is empty when nothing differed).", schema: metadataResultSchema } },
  problems: ["conflict"],
};

export function metadataResultJson(assetUuid: string, result: { changed: string[]; version: number }) {
  return { uuid: assetUuid, changed: result.changed, version: result.version };
}

const tagsBody = selectionRequestBody("BulkTagSelection", "", {
  add: tags.optional().meta({ description: "tags to add" }),
  remove: tags.optional().meta({ description: "tags to remove" }),
});

const bulkTagReportSchema = z
  .object({
    batchUuid: uuid.meta({ description: "names the change in the audit log (asset.metadata rows)" }),
    matched: z.number().int().meta({ description: "assets of the selection this caller may reach" }),
    changed: z.number().int(),
    unchanged: z.number().int().meta({ description: "already had the tags added and none of those removed" }),
    skipped: z.partialRecord(
      z.enum(Object.keys(REASONS) as [keyof typeof REASONS, ...(keyof typeof REASONS)[]]),
      z.number().int(),
    ),
    changedUuids: z.array(uuid).meta({ description: "when at most 1,000 changed" }),
  })
  .meta({ id: "BulkTagReport" });

export const bulkTagsEndpoint: Endpoint<unknown, unknown, z.infer<typeof tagsBody>> = {
  method: "POST",
  path: "/assets/tags",
  operationId: "bulkTags",
  summary: "Bulk: add and remove tags on every selected asset.",
  description:
    "One statement per batch of 5,000 assets, with an audit row (asset.metadata, tags before and after) per changed asset, all under one batch uuid. Each asset is judged by the rule of a single edit: operators' changes skip approved assets (approved_editors_only); deleted assets are skipped (deleted), and below trash.manage are not part of any selection; an asset that would pass 20 tags is skipped (too_many_tags). Not undoable from the audit log: the opposite change reverses it.",
  tag: "Assets",
  capability: "assets.edit",
  body: tagsBody,
  responses: { 200: { description: "What the change did.", schema: bulkTagReportSchema } },
};

export function bulkTagReportJson(report: BulkTagReport): z.infer<typeof bulkTagReportSchema> {
  return report;
}

const noteSchema = z
  .object({
    uuid,
    body: z.string(),
    createdAt: time,
    editedAt: time.nullable().meta({ description: "when its author last edited it (null: never)" }),
    editableUntil: time.meta({ description: "until when its author may edit it (15 minutes after writing)" }),
    author: z
      .object({ uuid, name: z.string(), email: z.string() })
      .nullable()
      .meta({ description: "null when the author's account was removed" }),
  })
  .meta({ id: "AssetNote" });

export function noteJson(note: NoteView): z.infer<typeof noteSchema> {
  return {
    uuid: note.uuid,
    body: note.body,
    createdAt: note.createdAt.toISOString(),
    editedAt: note.editedAt?.toISOString() ?? null,
    editableUntil: note.editableUntil.toISOString(),
    author: note.author,
  };
}

const noteBody = z.strictObject({ body: noteBodySchema.meta({ description: "the note's text, 1–4,000 characters" }) });

export const listNotesEndpoint: Endpoint<{ uuid: string }> = {
  method: "GET",
  path: "/assets/{uuid}/notes",
  operationId: "listAssetNotes",
  summary: "The asset's notes thread, oldest first.",
  description: "Every role that reads assets reads its notes. A deleted asset is 404 below trash.manage.",
  tag: "Assets",
  capability: "assets.read",
  params: assetParams,
  responses: { 200: { description: "The notes.", schema: z.object({ items: z.array(noteSchema) }) } },
};

export const addNoteEndpoint: Endpoint<{ uuid: string }, unknown, z.infer<typeof noteBody>> = {
  method: "POST",
  path: "/assets/{uuid}/notes",
  operationId: "addAssetNote",
  summary: "Write a note in the asset's thread, as the token's owner.",
  description:
    "Every role that reads assets may write. Counted in the asset's notesCount and audited (asset.note) in the same transaction. 409 for a deleted asset (404 below trash.manage).",
  tag: "Assets",
  capability: "assets.read",
  params: assetParams,
  body: noteBody,
  responses: { 201: { description: "The note.", schema: noteSchema } },
  problems: ["conflict"],
};

export const editNoteEndpoint: Endpoint<{ uuid: string; noteUuid: string }, unknown, z.infer<typeof noteBody>> = {
  method: "PATCH",
  path: "/assets/{uuid}/notes/{noteUuid}",
  operationId: "editAssetNote",
  summary: "Its author edits a note, within 15 minutes of writing it.",
  description:
    "403 for anyone but its author; 409 once the 15 minutes have passed (write a new note instead). Audited (asset.note, the text before and after).",
  tag: "Assets",
  capability: "assets.read",
  params: noteParams,
  body: noteBody,
  responses: { 200: { description: "The note as saved.", schema: noteSchema } },
  problems: ["conflict"],
};

export const EDITORIAL_ENDPOINTS: Endpoint[] = [
  editAssetMetadataEndpoint,
  bulkTagsEndpoint,
  listNotesEndpoint,
  addNoteEndpoint,
  editNoteEndpoint,
] as Endpoint[];
