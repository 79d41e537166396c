"use server";

import { z } from "zod";
import { tagsFieldSchema } from "@/lib/assets/tags";
import { assetReferenceSchema } from "@/lib/catalog/asset-reference";
import { catalogTitleSchema, editCatalogEntry } from "@/lib/catalog/edit";
import { previewReplaceSource, replaceCatalogSource } from "@/lib/catalog/replace-source";
import { defineAction, type Revalidation } from "@/lib/define-action";
import { getDb } from "@/lib/db";

// Every page a catalog entry, or an asset's promoted status, shows on.
const CATALOG: Revalidation[] = [{ path: "/catalog", type: "layout" }, { path: "/assets", type: "layout" }, "/"];
const version = z.coerce.number().int().min(1).max(2_147_483_647);

/** Saves a catalog entry's title and tags, refused when the entry changed since the form was read. */
export const editCatalogEntryAction = defineAction(
  {
    name: "editCatalogEntry",
    schema: z.strictObject({
      uuid: z.uuid("Unknown catalog entry."),
      version,
      title: catalogTitleSchema,
      tags: tagsFieldSchema,
    }),
    capability: "catalog.edit",
    revalidate: CATALOG,
    context: ({ uuid }) => ({ catalogUuid: uuid }),
  },
  async ({ input, actor }) => editCatalogEntry(await getDb(), actor, input),
);

/** The pre-flight of "Replace source": the old and the new file, and whether the asset may take the entry. */
export const previewReplaceSourceAction = defineAction(
  {
    name: "previewReplaceSource",
    schema: z.strictObject({ uuid: z.uuid("Unknown catalog entry."), asset: assetReferenceSchema }),
    input: "value",
    capability: "catalog.edit",
    context: ({ uuid, asset }) => ({ catalogUuid: uuid, assetUuid: asset }),
  },
  async ({ input, actor }) => ({
    preflight: await previewReplaceSource(await getDb(), actor.role, input.uuid, input.asset),
  }),
);

/** Points the entry at another approved asset; the entry keeps its uuid, title and tags. Undoable from the audit log. */
export const replaceSourceAction = defineAction(
  {
    name: "replaceSource",
    schema: z.strictObject({ uuid: z.uuid("Unknown catalog entry."), asset: assetReferenceSchema, version }),
    input: "value",
    capability: "catalog.edit",
    revalidate: CATALOG,
    context: ({ uuid, asset }) => ({ catalogUuid: uuid, assetUuid: asset }),
  },
  async ({ input, actor }) => ({
    result: await replaceCatalogSource(await getDb(), actor, {
      catalogUuid: input.uuid,
      assetUuid: input.asset,
      version: input.version,
    }),
  }),
);
