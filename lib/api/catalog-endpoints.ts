import "server-only";
import { z } from "zod";
import type { Endpoint } from "@/lib/api/endpoint";
import { tagsSchema } from "@/lib/assets/tags";
import { CATALOG_HEALTH } from "@/lib/catalog/health";
import type { CatalogEntryDetail } from "@/lib/catalog/detail";
import { catalogTitleSchema } from "@/lib/catalog/edit";
import type { SourceFile } from "@/lib/catalog/replace-source";

// One catalog entry over /api/v1: read it, edit its title and tags, replace its source asset.
// lib/api/endpoints.ts lists these with the others (and this module imports nothing from it).

const uuid = z.uuid();
const time = z.iso.datetime().meta({ description: "ISO 8601, UTC" });
const uuidParams = z.strictObject({ uuid: z.uuid("must be a uuid") });
const version = z
  .number()
  .int()
  .min(1)
  .max(2_147_483_647)
  .meta({ description: "the entry's version as read; a change against an older one is refused (409)" });

export const catalogEntryDetailSchema = z
  .object({
    uuid,
    title: z.string(),
    tags: z.array(z.string()),
    durationMs: z.number().int(),
    filePath: z.string(),
    sourceSha256: z.string().nullable().meta({ description: "the source file's sha256 when it became the source" }),
    version: z.number().int(),
    createdAt: time,
    updatedAt: time,
    sourceAssetUuid: uuid.nullable(),
    health: z.enum(CATALOG_HEALTH).nullable().meta({
      description:
        "null when the entry plays as promoted; missing, probe_failed or changed otherwise (as in GET /catalog)",
    }),
  })
  .meta({ id: "CatalogEntryDetail", description: "A catalog entry with its version, for edits." });

export function catalogEntryDetailJson(entry: CatalogEntryDetail): z.infer<typeof catalogEntryDetailSchema> {
  return {
    uuid: entry.uuid,
    title: entry.title,
    tags: entry.tags,
    durationMs: entry.durationMs,
    filePath: entry.filePath,
    sourceSha256: entry.sourceSha256,
    version: entry.version,
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
    sourceAssetUuid: entry.sourceAssetUuid,
    health: entry.health,
  };
}

const sourceFileSchema = z
  .object({
    assetUuid: uuid.nullable(),
    filePath: z.string(),
    durationMs: z.number().int(),
    sha256: z.string().nullable(),
  })
  .meta({ id: "CatalogSourceFile" });

export const sourceFileJson = (file: SourceFile): z.infer<typeof sourceFileSchema> => file;

export const getCatalogEntryEndpoint: Endpoint<{ uuid: string }> = {
  method: "GET",
  path: "/catalog/{uuid}",
  operationId: "getCatalogEntry",
  summary: "One catalog entry: title, tags, file, health, its source asset and its version.",
  tag: "Catalog",
  capability: "assets.read",
  params: uuidParams,
  responses: { 200: { description: "The entry.", schema: catalogEntryDetailSchema } },
};

const editBody = z
  .strictObject({
    title: catalogTitleSchema.optional().meta({ description: "1–200 characters, trimmed" }),
    tags: tagsSchema.optional().meta({ description: "normalised: trimmed, lower case, de-duplicated, sorted" }),
    version,
  })
  .meta({ id: "CatalogEntryEdit" });

export const editCatalogEntryEndpoint: Endpoint<{ uuid: string }, unknown, z.infer<typeof editBody>> = {
  method: "PATCH",
  path: "/catalog/{uuid}",
  operationId: "editCatalogEntry",
  summary: "Edit a catalog entry's title and tags; its uuid stays.",
  description:
    "Fields left out stay as they are. 409 when the entry's version is newer than the one sent (someone changed it since): read it again. Audited (catalog.edit, before and after of the changed fields).",
  tag: "Catalog",
  capability: "catalog.edit",
  params: uuidParams,
  body: editBody,
  responses: {
    200: {
      description: "Saved (changed is empty when nothing differed).",
      schema: z
        .object({ changed: z.array(z.enum(["title", "tags"])), entry: catalogEntryDetailSchema })
        .meta({ id: "CatalogEntryEditResult" }),
    },
  },
  problems: ["conflict"],
};

const replaceBody = z
  .strictObject({ assetUuid: z.uuid().meta({ description: "the new source asset" }), version: version.optional() })
  .meta({ id: "CatalogSourceReplacement" });

export const replaceCatalogSourceEndpoint: Endpoint<{ uuid: string }, unknown, z.infer<typeof replaceBody>> = {
  method: "POST",
  path: "/catalog/{uuid}/source",
  operationId: "replaceCatalogSource",
  summary: "Point a catalog entry at another asset; the entry keeps its uuid, title and tags.",
  description:
    "The asset must be approved, live, with a duration, its file found by the last scan and read by ffprobe, and not in the catalog already; the entry then takes its file path, duration and sha256, and the old asset stays approved but is no longer promoted. 409 with the reason otherwise (or when `version` is older than the entry's). Audited as one batch (catalog.replace_source), which the audit log can undo.",
  tag: "Catalog",
  capability: "catalog.edit",
  params: uuidParams,
  body: replaceBody,
  responses: {
    200: {
      description: "Replaced.",
      schema: z
        .object({
          batchUuid: uuid.meta({ description: "undo it with this batch from the audit log" }),
          previous: sourceFileSchema,
          current: sourceFileSchema,
          entry: catalogEntryDetailSchema,
        })
        .meta({ id: "CatalogSourceReplaced" }),
    },
  },
  problems: ["conflict"],
};

export const catalogEntryEndpoints = [getCatalogEntryEndpoint, editCatalogEntryEndpoint, replaceCatalogSourceEndpoint];
