"use server";

import { z } from "zod";
import { descriptionSchema, noteBodySchema, titleSchema } from "@/lib/assets/editorial-fields";
import { bulkTags, editAssetMetadata } from "@/lib/assets/metadata";
import { addNote, editNote } from "@/lib/assets/notes";
import { selectionInputSchema, toSelection } from "@/lib/assets/selection";
import { tagsFieldSchema } from "@/lib/assets/tags";
import { defineAction, type Revalidation } from "@/lib/define-action";
import { getDb } from "@/lib/db";

// Editorial metadata and notes from the desk (README, "Editorial metadata and notes"). Each action
// calls the one function in lib/ the REST API (and, for tags, the CLI) calls; who may edit which
// asset is metadataRefusal and who may edit which note noteEditRefusal (lib/assets/rules.ts), asked there.

const LISTS: Revalidation[] = [{ path: "/assets", type: "layout" }];
const uuid = z.uuid("Unknown asset.");

/** Saves the detail page's title, description and tags, refused when the asset changed since the form was read. */
export const editMetadataAction = defineAction(
  {
    name: "editMetadata",
    schema: z.strictObject({
      uuid,
      version: z.coerce.number().int().min(1).max(2_147_483_647),
      title: titleSchema,
      description: descriptionSchema,
      tags: tagsFieldSchema,
    }),
    capability: "assets.edit",
    revalidate: LISTS,
    context: ({ uuid }) => ({ assetUuid: uuid }),
  },
  async ({ input, actor }) => editAssetMetadata(await getDb(), actor, input),
);

/** Adds and removes tags over a selection (picked rows, or the table's filter); reports what changed and what was skipped. */
export const bulkTagsAction = defineAction(
  {
    name: "bulkTags",
    schema: z.strictObject({
      selection: selectionInputSchema,
      add: tagsFieldSchema,
      remove: tagsFieldSchema,
    }),
    input: "value",
    // Operators tag what is not approved; the rule per asset (metadataRefusalSql) skips the rest.
    capability: "assets.edit",
    revalidate: LISTS,
  },
  async ({ input: { selection, add, remove }, actor }) => ({
    report: await bulkTags(await getDb(), actor, toSelection(selection), { add, remove }),
  }),
);

/** Writes a note in an asset's thread. */
export const addNoteAction = defineAction(
  {
    name: "addNote",
    schema: z.strictObject({ uuid, body: noteBodySchema }),
    capability: "assets.read",
    revalidate: LISTS,
    context: ({ uuid }) => ({ assetUuid: uuid }),
  },
  async ({ input, actor }) => ({ note: { uuid: (await addNote(await getDb(), actor, input.uuid, input.body)).uuid } }),
);

/** Its author edits a note, within the edit window. */
export const editNoteAction = defineAction(
  {
    name: "editNote",
    schema: z.strictObject({ uuid, noteUuid: z.uuid("Unknown note."), body: noteBodySchema }),
    capability: "assets.read",
    revalidate: ({ uuid }) => [`/assets/${uuid}`],
    context: ({ uuid, noteUuid }) => ({ assetUuid: uuid, noteUuid }),
  },
  async ({ input, actor }) => {
    await editNote(await getDb(), actor, input.noteUuid, input.body, { assetUuid: input.uuid });
  },
);
